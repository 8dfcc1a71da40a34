/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ap-card-editor.h"
#include "ap-history-markdown.h"
#include "ap-history-panel.h"
#include "ap-roadmap-outline.h"
#include "ap-roadmap-view.h"
#include "ap-structure-editor.h"

/* The Roadmap page's editing side on a copy of the sample plan: the card editor, the
 * find bar against the outline, the structure editor's removal of a period in use, and
 * the history panel. Needs a display; without one it reports "skipped" (77). */

typedef struct
{
  char          *dir;
  ApPlan        *plan;
  GtkWindow     *window;
  ApRoadmapView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("test-roadmap-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "plan.archplan", NULL);
  fixture->plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_assert_no_error (error);
  fixture->window = GTK_WINDOW (g_object_ref (gtk_window_new ()));
  fixture->view = AP_ROADMAP_VIEW (ap_roadmap_view_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  ap_roadmap_view_set_plan (fixture->view, fixture->plan);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->window);
  iterate ();
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->plan);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static guint
n_items (gpointer list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static gpointer
nth (gpointer list,
     guint    i)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

  return item;  /* the list keeps it */
}

/* The editor saves a new card into the chosen cell, with the chosen organizations,
 * stage and links, as one command: one undo removes it. */
static void
test_new_card (Fixture       *fixture,
               gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApPeriod *period = nth (ap_plan_get_periods (plan), 2);
  ApStep *step = nth (ap_plan_get_steps (plan), 3);
  ApStage *stage = nth (ap_plan_get_stages (plan), 1);
  ApOrganization *org = nth (ap_plan_get_organizations (plan), 1);
  ApCategory *category = nth (ap_plan_get_categories (plan), 0);
  ApCard *other = nth (ap_plan_get_cards (plan), 5);
  gint64 period_id = ap_object_get_id (AP_OBJECT (period)), step_id = ap_object_get_id (AP_OBJECT (step));
  guint n_cards = n_items (ap_plan_get_cards (plan));
  ApCardEditor *editor = ap_roadmap_view_edit_card (fixture->view, 0, period_id, step_id);
  GtkWidget *title = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), AP_TYPE_CARD_EDITOR, "title_row");
  ApCard *card;
  guint n = 0;
  const gint64 *ids;

  g_object_ref (editor);
  /* Without a title the core refuses; the editor says why and stays open. */
  g_assert_false (ap_card_editor_save (editor));
  g_assert_nonnull (ap_card_editor_get_error (editor));
  g_assert_cmpuint (n_items (ap_plan_get_cards (plan)), ==, n_cards);

  gtk_editable_set_text (GTK_EDITABLE (title), "Contract tests for every service");
  ap_card_editor_select (editor, AP_ENTITY_STAGE, ap_object_get_id (AP_OBJECT (stage)));
  gtk_check_button_set_active (ap_card_editor_get_check (editor, AP_CARD_LINK_ORGANIZATIONS,
                                                         ap_object_get_id (AP_OBJECT (org))), TRUE);
  gtk_check_button_set_active (ap_card_editor_get_check (editor, AP_CARD_LINK_CATEGORIES,
                                                         ap_object_get_id (AP_OBJECT (category))), TRUE);
  gtk_check_button_set_active (ap_card_editor_get_check (editor, AP_CARD_LINK_DEPENDENCIES,
                                                         ap_object_get_id (AP_OBJECT (other))), TRUE);
  g_assert_true (ap_card_editor_save (editor));
  g_assert_finalize_object (editor);

  g_assert_cmpuint (n_items (ap_plan_get_cards (plan)), ==, n_cards + 1);
  card = nth (ap_plan_get_cards (plan), n_cards);
  g_assert_cmpstr (ap_card_get_title (card), ==, "Contract tests for every service");
  g_assert_cmpint (ap_card_get_period_id (card), ==, period_id);
  g_assert_cmpint (ap_card_get_step_id (card), ==, step_id);
  g_assert_cmpint (ap_card_get_stage_id (card), ==, ap_object_get_id (AP_OBJECT (stage)));
  ids = ap_card_get_links (card, AP_CARD_LINK_ORGANIZATIONS, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ids[0], ==, ap_object_get_id (AP_OBJECT (org)));
  g_assert_true (ap_card_has_link (card, AP_CARD_LINK_CATEGORIES, ap_object_get_id (AP_OBJECT (category))));
  g_assert_true (ap_card_has_link (card, AP_CARD_LINK_DEPENDENCIES, ap_object_get_id (AP_OBJECT (other))));
  /* The outline shows it, selected. */
  g_assert_cmpint (ap_roadmap_outline_get_selected_card (ap_roadmap_view_get_outline (fixture->view)), ==,
                   ap_object_get_id (AP_OBJECT (card)));

  g_assert_true (ap_plan_undo (plan, NULL));
  g_assert_cmpuint (n_items (ap_plan_get_cards (plan)), ==, n_cards);
  g_assert_false (ap_plan_can_undo (plan));
}

/* Renaming a card in the editor records a "replaced" entry; other fields stay. */
static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApCard *card = nth (ap_plan_get_cards (plan), 0);
  gint64 id = ap_object_get_id (AP_OBJECT (card));
  guint n_history = n_items (ap_plan_get_history (plan));
  guint n_orgs = 0, n_orgs_after = 0;
  ApCardEditor *editor = ap_roadmap_view_edit_card (fixture->view, id, 0, 0);
  GtkWidget *title = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), AP_TYPE_CARD_EDITOR, "title_row");
  gint64 period_id = ap_card_get_period_id (card);
  ApHistoryEntry *entry;

  ap_card_get_links (card, AP_CARD_LINK_ORGANIZATIONS, &n_orgs);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, ap_card_get_title (card));
  gtk_editable_set_text (GTK_EDITABLE (title), "Devstack, decentralized at last");
  g_assert_true (ap_card_editor_save (editor));

  g_assert_cmpstr (ap_card_get_title (card), ==, "Devstack, decentralized at last");
  g_assert_cmpint (ap_card_get_period_id (card), ==, period_id);
  ap_card_get_links (card, AP_CARD_LINK_ORGANIZATIONS, &n_orgs_after);
  g_assert_cmpuint (n_orgs_after, ==, n_orgs);
  g_assert_cmpuint (n_items (ap_plan_get_history (plan)), ==, n_history + 1);
  entry = nth (ap_plan_get_history (plan), n_history);
  g_assert_cmpstr (ap_history_entry_get_kind (entry), ==, "replaced");
  g_assert_cmpint (ap_history_entry_get_card_id (entry), ==, id);
  /* The history panel lists it first. */
  g_assert_true (nth (ap_history_panel_get_entries (ap_roadmap_view_get_history_panel (fixture->view)), 0) == entry);
}

/* Typing in the find bar filters the outline as you type, and the bar counts matches. */
static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  ApRoadmapOutline *outline = ap_roadmap_view_get_outline (fixture->view);
  GtkWidget *entry = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (fixture->view), AP_TYPE_ROADMAP_VIEW, "search_entry");
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->view), AP_TYPE_ROADMAP_VIEW, "match_label"));
  guint n_cards = n_items (ap_plan_get_cards (fixture->plan));
  guint n_periods = n_items (ap_plan_get_periods (fixture->plan));
  guint expected = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_cards; i++)
    if (g_strrstr (ap_card_get_title (nth (ap_plan_get_cards (fixture->plan), i)), "Eventing") != NULL)
      expected++;
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (n_items (ap_roadmap_outline_get_rows (outline)), ==, n_periods + n_cards);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.find", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "eventing");
  /* The search entry reports changes after a short delay. */
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (ap_roadmap_outline_get_n_cards (outline), >=, expected);
  g_assert_cmpuint (ap_roadmap_outline_get_n_cards (outline), <, n_cards);
  g_assert_cmpuint (n_items (ap_roadmap_outline_get_rows (outline)), ==,
                    n_periods + ap_roadmap_outline_get_n_cards (outline));
  text = g_strdup_printf ("%u of %u cards", ap_roadmap_outline_get_n_cards (outline), n_cards);
  g_assert_cmpstr (gtk_label_get_text (label), ==, text);

  /* Closing the bar shows every card again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.find", NULL));
  g_assert_cmpuint (ap_roadmap_outline_get_n_cards (outline), ==, n_cards);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "");
}

/* Removing a period with cards, moving them to the chosen one; undo restores it. */
static void
test_remove_period (Fixture       *fixture,
                    gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApPeriod *period = nth (ap_plan_get_periods (plan), 0);
  ApPeriod *target = nth (ap_plan_get_periods (plan), 1);
  gint64 period_id = ap_object_get_id (AP_OBJECT (period)), target_id = ap_object_get_id (AP_OBJECT (target));
  guint uses = ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, period_id);
  guint in_target = ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, target_id);
  guint n_cards = n_items (ap_plan_get_cards (plan));
  ApStructureEditor *editor = AP_STRUCTURE_EDITOR (ap_roadmap_view_edit_structure (fixture->view));

  g_assert_cmpuint (uses, >, 0);
  g_assert_true (ap_structure_editor_remove_with (editor, AP_ENTITY_PERIOD, period_id, target_id));
  g_assert_null (ap_row_list_lookup (ap_plan_get_periods (plan), period_id));
  g_assert_cmpuint (ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, target_id), ==, in_target + uses);
  g_assert_cmpuint (n_items (ap_plan_get_cards (plan)), ==, n_cards);

  g_assert_true (ap_plan_undo (plan, NULL));
  g_assert_nonnull (ap_row_list_lookup (ap_plan_get_periods (plan), period_id));
  g_assert_cmpuint (ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, period_id), ==, uses);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The sample's 16 entries, grouped under 4 dates, newest first; copying puts the
 * Markdown on the clipboard. */
static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  ApHistoryPanel *panel = ap_roadmap_view_get_history_panel (fixture->view);
  GListModel *entries = ap_history_panel_get_entries (panel);
  GtkListBox *list = ap_history_panel_get_list (panel);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (panel));
  g_autofree char *expected = ap_history_to_markdown (fixture->plan);
  g_auto(GValue) value = G_VALUE_INIT;
  guint headers = 0, rows = 0;

  gtk_window_present (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.toggle-history", NULL));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 16);
  g_assert_cmpstr (ap_history_entry_get_date (nth (entries, 0)), ==, "2021-02-10");
  g_assert_cmpstr (ap_history_entry_get_date (nth (entries, 15)), ==, "2020-09-11");
  for (guint i = 1; i < 16; i++)
    g_assert_cmpstr (ap_history_entry_get_date (nth (entries, i - 1)), >=,
                     ap_history_entry_get_date (nth (entries, i)));
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (list, rows)) != NULL; rows++)
    headers += gtk_list_box_row_get_header (row) != NULL;
  g_assert_cmpuint (rows, ==, 16);
  g_assert_cmpuint (headers, ==, 4);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.copy-history", NULL));
  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, expected);
  g_assert_true (g_str_has_prefix (expected, "* 2021-02-10\n  * Deferred\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display; skipping the roadmap view tests.\n");
      return 77;
    }
  adw_init ();

  g_test_add ("/roadmap-view/new-card", Fixture, NULL, fixture_set_up, test_new_card, fixture_tear_down);
  g_test_add ("/roadmap-view/rename", Fixture, NULL, fixture_set_up, test_rename, fixture_tear_down);
  g_test_add ("/roadmap-view/find", Fixture, NULL, fixture_set_up, test_find, fixture_tear_down);
  g_test_add ("/roadmap-view/remove-period", Fixture, NULL, fixture_set_up, test_remove_period, fixture_tear_down);
  g_test_add ("/roadmap-view/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  return g_test_run ();
}
