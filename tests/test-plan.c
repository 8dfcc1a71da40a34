/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ap-card-filter.h"
#include "ap-plan.h"
#include "ap-snapshot.h"
#include "plan-fixture.h"

/* ApPlan: commands are single transactions that update the models (with items-changed)
 * and the change history, and undo/redo restore exactly what was there. */

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *today = ap_plan_today ();
  ApHistoryEntry *entry;
  gint64 b;

  add (f, "Alpha", 1, 1, 0);
  b = add (f, "Beta", 1, 1, 0);   /* before Alpha */

  g_assert_cmpuint (n_items (ap_plan_get_cards (f->plan)), ==, 2);
  assert_cell (f, 1, 1, "Beta Alpha");
  g_assert_cmpuint (f->cards_changed, >=, 2);

  entry = last_history (f);
  g_assert_cmpstr (ap_history_entry_get_kind (entry), ==, "added");
  g_assert_cmpstr (ap_history_entry_get_subject (entry), ==, "Beta");
  g_assert_cmpstr (ap_history_entry_get_date (entry), ==, today);
  g_assert_cmpint (ap_history_entry_get_card_id (entry), ==, b);
  g_assert_cmpstr (ap_history_entry_get_text (entry), ==, "Added “Beta” to Q1.");
  g_assert_true (ap_plan_can_undo (f->plan));
}

static void
test_move_kinds (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, "Alpha", 1, 1, 0);
  guint before;

  /* Q1 → Q2: deferred. */
  g_assert_true (ap_plan_move_card (f->plan, a, 2, 1, 0, &error));
  g_assert_cmpint (ap_card_get_period_id (card (f, a)), ==, 2);
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "deferred");
  g_assert_cmpstr (ap_history_entry_get_text (last_history (f)), ==, "Moved “Alpha” from Q1 to Q2.");
  g_assert_cmpint (ap_history_entry_get_from_period_id (last_history (f)), ==, 1);
  g_assert_cmpint (ap_history_entry_get_to_period_id (last_history (f)), ==, 2);

  /* Q2 → Q1: moved up. */
  g_assert_true (ap_plan_move_card (f->plan, a, 1, 1, 0, &error));
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "moved-up");

  /* Another step of the same period: moved. */
  g_assert_true (ap_plan_move_card (f->plan, a, 1, 2, 0, &error));
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "moved");

  /* To the backlog: deferred. */
  g_assert_true (ap_plan_move_card (f->plan, a, 3, 2, 0, &error));
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "deferred");

  /* Within its own cell: no history. */
  before = n_items (ap_plan_get_history (f->plan));
  g_assert_true (ap_plan_move_card (f->plan, a, 3, 2, 5, &error));
  g_assert_cmpuint (n_items (ap_plan_get_history (f->plan)), ==, before);
  g_assert_no_error (error);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, "Alpha", 1, 1, 0);
  guint history_before;

  history_before = n_items (ap_plan_get_history (f->plan));
  g_assert_true (ap_plan_move_card (f->plan, a, 2, 2, 0, &error));
  g_assert_cmpuint (n_items (ap_plan_get_history (f->plan)), ==, history_before + 1);

  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ap_card_get_period_id (card (f, a)), ==, 1);
  g_assert_cmpint (ap_card_get_step_id (card (f, a)), ==, 1);
  /* Undo removes the history entry the move wrote. */
  g_assert_cmpuint (n_items (ap_plan_get_history (f->plan)), ==, history_before);
  g_assert_true (ap_plan_can_redo (f->plan));

  g_assert_true (ap_plan_redo (f->plan, &error));
  g_assert_cmpint (ap_card_get_period_id (card (f, a)), ==, 2);
  g_assert_cmpuint (n_items (ap_plan_get_history (f->plan)), ==, history_before + 1);

  /* Undo everything: no cards, no history. */
  while (ap_plan_can_undo (f->plan))
    g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_cmpuint (n_items (ap_plan_get_cards (f->plan)), ==, 0);
  g_assert_cmpuint (n_items (ap_plan_get_history (f->plan)), ==, 0);
  g_assert_false (ap_plan_undo (f->plan, &error));
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOTHING_TO_UNDO);
}

static void
test_delete_with_links (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 orgs[] = { 2, 1 };
  gint64 cats[] = { 1 };
  ApCardFields fields = {
    .title = "Linked", .period_id = 1, .step_id = 2, .stage_id = 1,
    .stage_text = "Pilot via Beta", .notes = "Some notes",
    .links = { orgs, cats, NULL, NULL }, .n_links = { 2, 1, 0, 0 },
  };
  gint64 id = ap_plan_add_card (f->plan, &fields, 0, &error);
  const gint64 *links;
  guint n;

  g_assert_no_error (error);
  add (f, "Other", 1, 2, 1);
  links = ap_card_get_links (card (f, id), AP_CARD_LINK_ORGANIZATIONS, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (links[0], ==, 2);
  g_assert_cmpint (links[1], ==, 1);
  g_assert_true (ap_card_has_link (card (f, id), AP_CARD_LINK_CATEGORIES, 1));

  g_assert_true (ap_plan_delete_card (f->plan, id, &error));
  g_assert_null (card (f, id));
  assert_cell (f, 1, 2, "Other");
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "removed");
  g_assert_cmpstr (ap_history_entry_get_text (last_history (f)), ==, "Removed “Linked” from Q1.");

  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_nonnull (card (f, id));
  g_assert_cmpstr (ap_card_get_stage_text (card (f, id)), ==, "Pilot via Beta");
  assert_cell (f, 1, 2, "Linked Other");
  links = ap_card_get_links (card (f, id), AP_CARD_LINK_ORGANIZATIONS, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (links[0], ==, 2);
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "added");

  g_assert_true (ap_plan_redo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_null (card (f, id));
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add (f, "Old name", 1, 1, 0);
  gint64 orgs[] = { 1 };
  ApCardFields fields = {
    .title = "New name", .period_id = 2, .step_id = 1, .stage_id = 1,
    .links = { orgs, NULL, NULL, NULL }, .n_links = { 1, 0, 0, 0 },
  };
  guint notified = 0;

  g_signal_connect (card (f, id), "notify::title", G_CALLBACK (on_notify_cb), &notified);
  g_assert_true (ap_plan_update_card (f->plan, id, &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (ap_card_get_title (card (f, id)), ==, "New name");
  g_assert_cmpint (ap_card_get_period_id (card (f, id)), ==, 2);
  g_assert_cmpint (ap_card_get_stage_id (card (f, id)), ==, 1);
  g_assert_true (ap_card_has_link (card (f, id), AP_CARD_LINK_ORGANIZATIONS, 1));
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "replaced");
  g_assert_cmpstr (ap_history_entry_get_text (last_history (f)), ==, "Renamed “Old name” to “New name”.");

  /* One edit is one undo step, although it moved, renamed and relinked. */
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_cmpstr (ap_card_get_title (card (f, id)), ==, "Old name");
  g_assert_cmpint (ap_card_get_period_id (card (f, id)), ==, 1);
  g_assert_false (ap_card_has_link (card (f, id), AP_CARD_LINK_ORGANIZATIONS, 1));
}

static void
test_invalid_commands (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, "Alpha", 1, 1, 0);
  gint64 self_dep[] = { 0 };
  gint64 bad_org[] = { 99 };
  ApCardFields blank = { .title = "   ", .period_id = 1, .step_id = 1 };
  ApCardFields no_step = { .title = "X", .period_id = 1, .step_id = 42 };
  ApCardFields self = { .title = "Alpha", .period_id = 1, .step_id = 1,
                        .links = { NULL, NULL, NULL, self_dep }, .n_links = { 0, 0, 0, 1 } };
  ApCardFields dangling = { .title = "X", .period_id = 1, .step_id = 1,
                            .links = { bad_org, NULL, NULL, NULL }, .n_links = { 1, 0, 0, 0 } };
  guint history = n_items (ap_plan_get_history (f->plan));

  self_dep[0] = a;
  g_assert_cmpint (ap_plan_add_card (f->plan, &blank, 0, &error), ==, 0);
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A card needs a title");
  g_clear_error (&error);

  g_assert_cmpint (ap_plan_add_card (f->plan, &no_step, 0, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "The card’s step does not exist");
  g_clear_error (&error);

  g_assert_false (ap_plan_update_card (f->plan, a, &self, &error));
  g_assert_cmpstr (error->message, ==, "A card cannot depend on itself");
  g_clear_error (&error);

  g_assert_cmpint (ap_plan_add_card (f->plan, &dangling, 0, &error), ==, 0);
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (ap_plan_move_card (f->plan, 12345, 1, 1, 0, &error));
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing changed, and the failed commands left nothing to undo. */
  g_assert_cmpuint (n_items (ap_plan_get_cards (f->plan)), ==, 1);
  g_assert_cmpuint (n_items (ap_plan_get_history (f->plan)), ==, history);
  g_assert_cmpstr (ap_plan_get_undo_label (f->plan), ==, "Add Card");
  g_assert_false (ap_store_in_transaction (f->store));
}

static void
test_plan_info (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (f->plan, "notify::title", G_CALLBACK (on_notify_cb), &notified);
  g_assert_true (ap_plan_set_info (f->plan, "Roadmap 2027", NULL, "https://issues.example.com/browse/%s", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ap_plan_get_title (f->plan), ==, "Roadmap 2027");
  g_assert_cmpuint (notified, ==, 1);

  g_assert_false (ap_plan_set_info (f->plan, NULL, NULL, "https://no-placeholder.example.com", &error));
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_cmpstr (ap_plan_get_title (f->plan), ==, "Untitled plan");
  g_assert_cmpuint (notified, ==, 2);
}

/* The lazy list makes objects only when asked, and keeps them once made. */
static void
test_row_list (Fixture       *f,
               gconstpointer  data)
{
  GListModel *orgs = G_LIST_MODEL (ap_plan_get_organizations (f->plan));
  g_autoptr(ApOrganization) first = g_list_model_get_item (orgs, 0);
  g_autoptr(ApOrganization) again = g_list_model_get_item (orgs, 0);

  g_assert_cmpuint (g_list_model_get_n_items (orgs), ==, 2);
  g_assert_true (g_list_model_get_item_type (orgs) == AP_TYPE_ORGANIZATION);
  g_assert_true (first == again);
  g_assert_cmpstr (ap_organization_get_name (first), ==, "Org A");
  g_assert_cmpstr (ap_object_get_uid (AP_OBJECT (first)), ==, "org-a");
  g_assert_cmpint (ap_organization_get_footnote (first), ==, 1);
  g_assert_null (g_list_model_get_item (orgs, 2));
}

static gint64
position_of (Fixture    *f,
             ApRowList  *list,
             gint64      id)
{
  g_autoptr(GObject) object = g_object_ref (ap_row_list_lookup (list, id));
  gint64 position = -1;

  g_object_get (object, "position", &position, NULL);
  return position;
}

static void
test_entities (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ApRowList *periods = ap_plan_get_periods (f->plan);
  ApEntityFields q15 = { .name = "Q1.5", .start_date = "2021-02-01", .end_date = "2021-02-28" };
  ApEntityFields bad_date = { .name = "Nope", .start_date = "2021-02-30" };
  ApEntityFields backwards = { .name = "Nope", .start_date = "2021-03-01", .end_date = "2021-02-01" };
  ApEntityFields bad_color = { .name = "Eval", .color = "red" };
  gint64 id;

  /* Inserted between Q1 and Q2: positions stay dense. */
  id = ap_plan_add_entity (f->plan, AP_ENTITY_PERIOD, &q15, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (position_of (f, periods, 1), ==, 0);
  g_assert_cmpint (position_of (f, periods, id), ==, 1);
  g_assert_cmpint (position_of (f, periods, 2), ==, 2);
  g_assert_cmpint (position_of (f, periods, 3), ==, 3);
  g_assert_cmpstr (ap_period_get_start_date (ap_row_list_lookup (periods, id)), ==, "2021-02-01");

  /* Reordered to the top. */
  g_assert_true (ap_plan_reorder_entity (f->plan, AP_ENTITY_PERIOD, id, 0, &error));
  g_assert_cmpint (position_of (f, periods, id), ==, 0);
  g_assert_cmpint (position_of (f, periods, 1), ==, 1);

  g_assert_cmpint (ap_plan_add_entity (f->plan, AP_ENTITY_PERIOD, &bad_date, 0, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Dates must be real dates written as YYYY-MM-DD");
  g_clear_error (&error);
  g_assert_false (ap_plan_update_entity (f->plan, AP_ENTITY_PERIOD, id, &backwards, &error));
  g_assert_cmpstr (error->message, ==, "The period ends before it starts");
  g_clear_error (&error);
  g_assert_cmpint (ap_plan_add_entity (f->plan, AP_ENTITY_STAGE, &bad_color, 0, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "The colour must be written as #rrggbb");
  g_clear_error (&error);

  /* Renamed, then undone. */
  q15.name = "February";
  g_assert_true (ap_plan_update_entity (f->plan, AP_ENTITY_PERIOD, id, &q15, &error));
  g_assert_cmpstr (ap_period_get_name (ap_row_list_lookup (periods, id)), ==, "February");
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_cmpstr (ap_period_get_name (ap_row_list_lookup (periods, id)), ==, "Q1.5");
}

static void
test_remove_period (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ApRowList *periods = ap_plan_get_periods (f->plan);
  gint64 a = add (f, "A", 1, 1, 0);
  gint64 b = add (f, "B", 1, 2, 0);
  gint64 c = add (f, "C", 2, 1, 0);

  g_assert_cmpuint (ap_plan_count_entity_uses (f->plan, AP_ENTITY_PERIOD, 1), ==, 2);

  /* Q1's cards move to Q2 (deferred), after the cards already there. */
  g_assert_true (ap_plan_remove_entity (f->plan, AP_ENTITY_PERIOD, 1, 2, &error));
  g_assert_no_error (error);
  g_assert_null (ap_row_list_lookup (periods, 1));
  g_assert_cmpint (ap_card_get_period_id (card (f, a)), ==, 2);
  g_assert_cmpint (ap_card_get_period_id (card (f, b)), ==, 2);
  assert_cell (f, 2, 1, "C A");
  assert_cell (f, 2, 2, "B");
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "deferred");
  g_assert_cmpint (position_of (f, periods, 2), ==, 0);

  /* One undo brings back the period and every card where it was. */
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ap_row_list_lookup (periods, 1));
  g_assert_cmpint (ap_card_get_period_id (card (f, a)), ==, 1);
  g_assert_cmpint (position_of (f, periods, 2), ==, 1);

  /* Without a replacement the cards go with the period. */
  g_assert_true (ap_plan_remove_entity (f->plan, AP_ENTITY_PERIOD, 1, 0, &error));
  g_assert_null (card (f, a));
  g_assert_null (card (f, b));
  g_assert_nonnull (card (f, c));
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (f)), ==, "removed");

  g_assert_false (ap_plan_remove_entity (f->plan, AP_ENTITY_PERIOD, 2, 2, &error));
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_INVALID);
}

static void
test_remove_stage_and_category (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 cats[] = { 1 };
  ApCardFields fields = { .title = "Staged", .period_id = 1, .step_id = 1, .stage_id = 1,
                          .links = { NULL, cats, NULL, NULL }, .n_links = { 0, 1, 0, 0 } };
  gint64 id = ap_plan_add_card (f->plan, &fields, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ap_plan_count_entity_uses (f->plan, AP_ENTITY_STAGE, 1), ==, 1);
  g_assert_true (ap_plan_remove_entity (f->plan, AP_ENTITY_STAGE, 1, 0, &error));
  g_assert_cmpint (ap_card_get_stage_id (card (f, id)), ==, 0);

  g_assert_true (ap_plan_remove_entity (f->plan, AP_ENTITY_CATEGORY, 1, 0, &error));
  g_assert_false (ap_card_has_link (card (f, id), AP_CARD_LINK_CATEGORIES, 1));
  g_assert_cmpuint (n_items (ap_plan_get_categories (f->plan)), ==, 0);

  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_true (ap_card_has_link (card (f, id), AP_CARD_LINK_CATEGORIES, 1));
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_cmpint (ap_card_get_stage_id (card (f, id)), ==, 1);
}

static void
test_move_many (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, "A", 1, 1, 10);
  gint64 b = add (f, "B", 1, 1, 10);
  gint64 c = add (f, "C", 1, 2, 10);
  gint64 d = add (f, "D", 2, 1, 10);
  gint64 ids[] = { c, a };
  gint64 both[] = { a, d };

  /* C and A land together at the front of Q2/Build, in that order, in one undo step. */
  g_assert_true (ap_plan_move_cards (f->plan, ids, 2, 2, 1, 0, &error));
  g_assert_no_error (error);
  assert_cell (f, 2, 1, "C A D");
  assert_cell (f, 1, 1, "B");
  assert_cell (f, 1, 2, "");
  g_assert_cmpstr (ap_plan_get_undo_label (f->plan), ==, "Move Cards");

  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_cmpint (ap_card_get_period_id (card (f, c)), ==, 1);
  g_assert_cmpint (ap_card_get_step_id (card (f, c)), ==, 2);
  assert_cell (f, 1, 1, "A B");
  assert_cell (f, 2, 1, "D");

  /* Cards taken from the cell they land in: D and A go between B and the end. */
  g_assert_true (ap_plan_move_card (f->plan, d, 1, 1, 0, &error));
  assert_cell (f, 1, 1, "D A B");
  ids[0] = b;
  ids[1] = d;
  g_assert_true (ap_plan_move_cards (f->plan, ids, 2, 1, 1, 1, &error));
  assert_cell (f, 1, 1, "A B D");
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_true (ap_plan_undo (f->plan, &error));
  assert_cell (f, 1, 1, "A B");

  g_assert_true (ap_plan_delete_cards (f->plan, both, 2, &error));
  g_assert_null (card (f, a));
  g_assert_null (card (f, d));
  assert_cell (f, 1, 1, "B");
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_nonnull (card (f, a));
  g_assert_nonnull (card (f, d));
}

static void
on_filter_changed_cb (ApCardFilter *filter,
                      guint        *counter)
{
  (*counter)++;
}

static void
test_card_filter (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApCardFilter) filter = ap_card_filter_new ();
  gint64 orgs[] = { 2 };
  gint64 stages[] = { 1 };
  ApCardFields staged = { .title = "Eventing bus", .period_id = 1, .step_id = 1, .stage_id = 1,
                          .stage_text = "Adopt via Automated-Feedback",
                          .links = { orgs, NULL, NULL, NULL }, .n_links = { 1, 0, 0, 0 } };
  gint64 plain = add (f, "Python 3.8", 1, 1, 0);
  gint64 rich = ap_plan_add_card (f->plan, &staged, 0, &error);
  guint changed = 0;

  g_assert_no_error (error);
  g_signal_connect (filter, "changed", G_CALLBACK (on_filter_changed_cb), &changed);
  g_assert_true (ap_card_filter_is_empty (filter));
  g_assert_true (ap_card_filter_matches (filter, f->plan, card (f, plain)));

  /* Text: case-insensitive, in the title, the written stage or the stage's name. */
  ap_card_filter_set_text (filter, "  PYTHON ");
  g_assert_true (ap_card_filter_matches (filter, f->plan, card (f, plain)));
  g_assert_false (ap_card_filter_matches (filter, f->plan, card (f, rich)));
  ap_card_filter_set_text (filter, "automated");
  g_assert_true (ap_card_filter_matches (filter, f->plan, card (f, rich)));
  ap_card_filter_set_text (filter, "pilot");
  g_assert_true (ap_card_filter_matches (filter, f->plan, card (f, rich)));
  ap_card_filter_set_text (filter, NULL);

  /* Organizations and stages. */
  ap_card_filter_set_ids (filter, AP_ENTITY_ORGANIZATION, orgs, 1);
  g_assert_false (ap_card_filter_matches (filter, f->plan, card (f, plain)));
  g_assert_true (ap_card_filter_matches (filter, f->plan, card (f, rich)));
  ap_card_filter_set_ids (filter, AP_ENTITY_ORGANIZATION, NULL, 0);
  ap_card_filter_set_ids (filter, AP_ENTITY_STAGE, stages, 1);
  g_assert_false (ap_card_filter_matches (filter, f->plan, card (f, plain)));
  g_assert_true (ap_card_filter_has_id (filter, AP_ENTITY_STAGE, 1));

  ap_card_filter_clear (filter);
  g_assert_true (ap_card_filter_is_empty (filter));
  g_assert_cmpuint (changed, ==, 8);
}

/* A plan file created now starts as the sample plan, and is saved as it goes. */
static void
test_open_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("archplan-plan-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.archplan", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  ApPlan *plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  ApCardFields fields = { .title = "Saved at once" };
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpuint (n_items (ap_plan_get_cards (plan)), >, 40);
  g_assert_cmpuint (n_items (ap_plan_get_organizations (plan)), ==, 8);
  g_assert_cmpuint (n_items (ap_plan_get_incidents (plan)), >=, 12);
  g_assert_false (ap_plan_can_undo (plan));

  {
    g_autoptr(ApPeriod) period = g_list_model_get_item (G_LIST_MODEL (ap_plan_get_periods (plan)), 0);
    g_autoptr(ApStep) step = g_list_model_get_item (G_LIST_MODEL (ap_plan_get_steps (plan)), 0);

    fields.period_id = ap_object_get_id (AP_OBJECT (period));
    fields.step_id = ap_object_get_id (AP_OBJECT (step));
  }
  id = ap_plan_add_card (plan, &fields, 0, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (plan);

  /* Reopened: the card is there, the sample is not loaded twice. */
  plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ap_row_list_lookup (ap_plan_get_cards (plan), id));
  g_assert_finalize_object (plan);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/plan/add", test_add);
  ADD ("/plan/move-kinds", test_move_kinds);
  ADD ("/plan/undo-redo", test_undo_redo);
  ADD ("/plan/delete-with-links", test_delete_with_links);
  ADD ("/plan/update", test_update);
  ADD ("/plan/invalid-commands", test_invalid_commands);
  ADD ("/plan/info", test_plan_info);
  ADD ("/plan/row-list", test_row_list);
  ADD ("/plan/entities", test_entities);
  ADD ("/plan/move-many", test_move_many);
  ADD ("/plan/card-filter", test_card_filter);
  ADD ("/plan/remove-period", test_remove_period);
  ADD ("/plan/remove-stage-and-category", test_remove_stage_and_category);
#undef ADD
  g_test_add_func ("/plan/open-sample", test_open_sample);

  return g_test_run ();
}
