/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ap-bench-generate.h"
#include "ap-card-editor.h"
#include "ap-history-markdown.h"
#include "ap-history-panel.h"
#include "ap-roadmap-canvas.h"
#include "ap-roadmap-outline.h"
#include "ap-roadmap-view.h"
#include "ap-structure-editor.h"

/* The Roadmap page's editing side on a copy of the sample plan: the card editor, the
 * find bar and its filter menus against the outline, moving cards from the outline, the
 * selection shared by the outline and the canvas, the zoom label, the structure
 * editor (its removal dialog, in-place updates and date checks) and the history panel.
 * Needs a display; without one it reports "skipped" (77). */

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
  ap_card_editor_set_linked (editor, AP_CARD_LINK_DEPENDENCIES, ap_object_get_id (AP_OBJECT (other)), TRUE);
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

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));
}

static ApRoadmapCanvas *
view_canvas (Fixture *fixture)
{
  GtkWidget *scroller = template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "canvas_scroller");

  return AP_ROADMAP_CANVAS (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
}

static gint64
id_of (gpointer item)
{
  return ap_object_get_id (AP_OBJECT (item));
}

/* The position of @id in the roadmap's order of @kind. */
static guint
sorted_index (ApPlan       *plan,
              ApEntityKind  kind,
              gint64        id)
{
  g_autoptr(GPtrArray) items = ap_roadmap_dup_sorted (plan, kind);

  for (guint i = 0; i < items->len; i++)
    if (id_of (g_ptr_array_index (items, i)) == id)
      return i;
  g_assert_not_reached ();
}

static gint64
sorted_id (ApPlan       *plan,
           ApEntityKind  kind,
           guint         i)
{
  g_autoptr(GPtrArray) items = ap_roadmap_dup_sorted (plan, kind);

  g_assert_cmpuint (i, <, items->len);
  return id_of (g_ptr_array_index (items, i));
}

/* Collects the history rows on screen (the list view makes only those). */
static void
collect_history_rows (GtkWidget *widget,
                      GPtrArray *rows)
{
  if (gtk_widget_has_css_class (widget, "history-row"))
    {
      if (gtk_widget_get_mapped (widget))
        g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_history_rows (child, rows);
}

/* Checks each history row on screen against the entry whose text it shows: its date
 * heading is shown exactly when the entry is the first of its date. Returns how many
 * rows there are and how many show a heading. */
static guint
check_history_rows (ApHistoryPanel *panel,
                    guint          *headings)
{
  GListModel *entries = ap_history_panel_get_entries (panel);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  *headings = 0;
  collect_history_rows (GTK_WIDGET (ap_history_panel_get_list (panel)), rows);
  for (guint r = 0; r < rows->len; r++)
    {
      GtkWidget *date = gtk_widget_get_first_child (rows->pdata[r]);
      GtkWidget *text = gtk_widget_get_last_child (rows->pdata[r]);
      guint i = 0, n = g_list_model_get_n_items (entries);

      while (i < n && g_strcmp0 (ap_history_entry_get_text (nth (entries, i)),
                                 gtk_label_get_text (GTK_LABEL (text))) != 0)
        i++;
      g_assert_cmpuint (i, <, n);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (date)), ==, ap_history_entry_get_date (nth (entries, i)));
      g_assert_cmpint (gtk_widget_get_visible (date), ==,
                       i == 0 || g_strcmp0 (ap_history_entry_get_date (nth (entries, i)),
                                            ap_history_entry_get_date (nth (entries, i - 1))) != 0);
      *headings += gtk_widget_get_visible (date);
    }
  return rows->len;
}

/* The sample's 16 entries, grouped under 4 dates, newest first, with a date heading
 * over the first entry of each date, kept right as entries come and go; copying puts
 * the Markdown on the clipboard. */
static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  ApHistoryPanel *panel = ap_roadmap_view_get_history_panel (fixture->view);
  GListModel *entries = ap_history_panel_get_entries (panel);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (panel));
  g_autofree char *expected = ap_history_to_markdown (fixture->plan);
  g_auto(GValue) value = G_VALUE_INIT;
  ApCard *card = nth (ap_plan_get_cards (fixture->plan), 0);
  guint headings = 0, rows;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 1000);
  gtk_window_present (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.toggle-history", NULL));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 16);
  g_assert_cmpstr (ap_history_entry_get_date (nth (entries, 0)), ==, "2021-02-10");
  g_assert_cmpstr (ap_history_entry_get_date (nth (entries, 15)), ==, "2020-09-11");
  for (guint i = 1; i < 16; i++)
    g_assert_cmpstr (ap_history_entry_get_date (nth (entries, i - 1)), >=,
                     ap_history_entry_get_date (nth (entries, i)));
  /* The first screen shows the three newest dates at least. */
  rows = check_history_rows (panel, &headings);
  g_assert_cmpuint (rows, >=, 10);
  g_assert_cmpuint (headings, >=, 3);

  /* Two moves today: the first gets today's heading, then gives it up to the second. */
  g_assert_true (ap_plan_move_card (fixture->plan, id_of (card), ap_card_get_period_id (card),
                                    ap_card_get_step_id (card) == sorted_id (fixture->plan, AP_ENTITY_STEP, 0)
                                    ? sorted_id (fixture->plan, AP_ENTITY_STEP, 1)
                                    : sorted_id (fixture->plan, AP_ENTITY_STEP, 0),
                                    0, NULL));
  iterate ();
  check_history_rows (panel, &headings);
  g_assert_true (ap_plan_move_card (fixture->plan, id_of (card),
                                    ap_card_get_period_id (card) == sorted_id (fixture->plan, AP_ENTITY_PERIOD, 0)
                                    ? sorted_id (fixture->plan, AP_ENTITY_PERIOD, 1)
                                    : sorted_id (fixture->plan, AP_ENTITY_PERIOD, 0),
                                    ap_card_get_step_id (card), 0, NULL));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 18);
  g_assert_cmpstr (ap_history_entry_get_date (nth (entries, 0)), ==, ap_history_entry_get_date (nth (entries, 1)));
  check_history_rows (panel, &headings);
  g_assert_true (ap_plan_undo (fixture->plan, NULL));
  g_assert_true (ap_plan_undo (fixture->plan, NULL));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 16);
  check_history_rows (panel, &headings);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.copy-history", NULL));
  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, expected);
  g_assert_true (g_str_has_prefix (expected, "* 2021-02-10\n  * Deferred\n"));
}

static ApHistoryEntry *
last_history (ApPlan *plan)
{
  return nth (ap_plan_get_history (plan), n_items (ap_plan_get_history (plan)) - 1);
}

/* Alt+Right and Alt+Down in the outline (the actions they are bound to) move the
 * selected card to the next step and the later period, one command each, classified
 * "moved" and "deferred"; the card stays selected. */
static void
test_outline_move (Fixture       *fixture,
                   gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApRoadmapOutline *outline = ap_roadmap_view_get_outline (fixture->view);
  guint n_steps = n_items (ap_plan_get_steps (plan)), n_periods = n_items (ap_plan_get_periods (plan));
  guint n_history = n_items (ap_plan_get_history (plan));
  ApCard *card = NULL;
  guint step_index = 0, period_index = 0;
  gint64 id;

  /* A card with a step to its right and a period below it. */
  for (guint i = 0; i < n_items (ap_plan_get_cards (plan)) && card == NULL; i++)
    {
      ApCard *c = nth (ap_plan_get_cards (plan), i);

      step_index = sorted_index (plan, AP_ENTITY_STEP, ap_card_get_step_id (c));
      period_index = sorted_index (plan, AP_ENTITY_PERIOD, ap_card_get_period_id (c));
      if (step_index + 1 < n_steps && period_index + 2 < n_periods)
        card = c;
    }
  g_assert_nonnull (card);
  id = id_of (card);
  g_assert_true (ap_roadmap_outline_select_card (outline, id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outline), "outline.move-right", NULL));
  g_assert_cmpint (ap_card_get_step_id (card), ==, sorted_id (plan, AP_ENTITY_STEP, step_index + 1));
  g_assert_cmpint (ap_card_get_period_id (card), ==, sorted_id (plan, AP_ENTITY_PERIOD, period_index));
  g_assert_cmpuint (n_items (ap_plan_get_history (plan)), ==, n_history + 1);
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (plan)), ==, "moved");
  g_assert_cmpint (ap_history_entry_get_card_id (last_history (plan)), ==, id);
  g_assert_cmpint (ap_roadmap_outline_get_selected_card (outline), ==, id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outline), "outline.move-later", NULL));
  g_assert_cmpint (ap_card_get_period_id (card), ==, sorted_id (plan, AP_ENTITY_PERIOD, period_index + 1));
  g_assert_cmpuint (n_items (ap_plan_get_history (plan)), ==, n_history + 2);
  g_assert_cmpstr (ap_history_entry_get_kind (last_history (plan)), ==, "deferred");
  g_assert_cmpint (ap_roadmap_outline_get_selected_card (outline), ==, id);

  /* Each move is one undo step, and undo takes its history entry away. */
  g_assert_true (ap_plan_undo (plan, NULL));
  g_assert_true (ap_plan_undo (plan, NULL));
  g_assert_cmpint (ap_card_get_step_id (card), ==, sorted_id (plan, AP_ENTITY_STEP, step_index));
  g_assert_cmpint (ap_card_get_period_id (card), ==, sorted_id (plan, AP_ENTITY_PERIOD, period_index));
  g_assert_cmpuint (n_items (ap_plan_get_history (plan)), ==, n_history);
}

/* Ticks the check box named @name in a filter menu of the find bar, as a click does. */
static void
tick_filter (GtkWidget  *button,
             const char *name)
{
  GtkWidget *popover, *child;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  /* popover → scrolled window → viewport → box of check buttons */
  child = gtk_widget_get_first_child (gtk_viewport_get_child (GTK_VIEWPORT (
            gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (gtk_popover_get_child (GTK_POPOVER (popover)))))));
  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), name) == 0)
      {
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child), TRUE);
        gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
        return;
      }
  g_assert_not_reached ();
}

static guint
count_matching (Fixture *fixture)
{
  ApCardFilter *filter = ap_roadmap_view_get_filter (fixture->view);
  guint n = 0;

  for (guint i = 0; i < n_items (ap_plan_get_cards (fixture->plan)); i++)
    n += ap_card_filter_matches (filter, fixture->plan, nth (ap_plan_get_cards (fixture->plan), i));
  return n;
}

/* The organization and stage menus narrow the outline to the cards of the ticked
 * organization at the ticked stage, and the bar counts them. */
static void
test_filter_menus (Fixture       *fixture,
                   gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApRoadmapOutline *outline = ap_roadmap_view_get_outline (fixture->view);
  GtkLabel *label = GTK_LABEL (template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "match_label"));
  ApOrganization *org = nth (ap_plan_get_organizations (plan), 0);
  guint n_cards = n_items (ap_plan_get_cards (plan)), n_periods = n_items (ap_plan_get_periods (plan));
  guint of_org = 0, of_org_and_stage = 0;
  ApStage *stage = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_cards; i++)
    of_org += ap_card_has_link (nth (ap_plan_get_cards (plan), i), AP_CARD_LINK_ORGANIZATIONS, id_of (org));
  g_assert_cmpuint (of_org, >, 0);
  g_assert_cmpuint (of_org, <, n_cards);
  /* A stage some, not all, of the organization's cards are at. */
  for (guint s = 0; s < n_items (ap_plan_get_stages (plan)) && stage == NULL; s++)
    {
      guint n = 0;

      for (guint i = 0; i < n_cards; i++)
        {
          ApCard *card = nth (ap_plan_get_cards (plan), i);

          n += ap_card_has_link (card, AP_CARD_LINK_ORGANIZATIONS, id_of (org)) &&
               ap_card_get_stage_id (card) == id_of (nth (ap_plan_get_stages (plan), s));
        }
      if (n > 0 && n < of_org)
        {
          stage = nth (ap_plan_get_stages (plan), s);
          of_org_and_stage = n;
        }
    }
  g_assert_nonnull (stage);

  gtk_window_present (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.find", NULL));
  iterate ();
  tick_filter (template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "organizations_button"),
               ap_organization_get_name (org));
  g_assert_true (ap_card_filter_has_id (ap_roadmap_view_get_filter (fixture->view), AP_ENTITY_ORGANIZATION, id_of (org)));
  g_assert_cmpuint (ap_roadmap_outline_get_n_cards (outline), ==, of_org);
  g_assert_cmpuint (count_matching (fixture), ==, of_org);
  g_assert_cmpuint (n_items (ap_roadmap_outline_get_rows (outline)), ==, n_periods + of_org);
  text = g_strdup_printf ("%u of %u cards", of_org, n_cards);
  g_assert_cmpstr (gtk_label_get_text (label), ==, text);

  tick_filter (template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "stages_button"), ap_stage_get_name (stage));
  g_assert_cmpuint (ap_roadmap_outline_get_n_cards (outline), ==, of_org_and_stage);
  g_assert_cmpuint (n_items (ap_roadmap_outline_get_rows (outline)), ==, n_periods + of_org_and_stage);
  g_free (text);
  text = g_strdup_printf ("%u of %u cards", of_org_and_stage, n_cards);
  g_assert_cmpstr (gtk_label_get_text (label), ==, text);

  /* Clear shows everything again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.clear-filter", NULL));
  g_assert_cmpuint (ap_roadmap_outline_get_n_cards (outline), ==, n_cards);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
}

/* Removing a period that cards use asks; "Move" takes its cards to the period chosen in
 * the dialog, "Delete the Cards" deletes them with it. Each is one undo step. */
static void
test_remove_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApStructureEditor *editor = AP_STRUCTURE_EDITOR (ap_roadmap_view_edit_structure (fixture->view));
  gint64 period_id = sorted_id (plan, AP_ENTITY_PERIOD, 0);
  gint64 target_id = sorted_id (plan, AP_ENTITY_PERIOD, 2);
  guint uses = ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, period_id);
  guint in_target = ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, target_id);
  guint n_cards = n_items (ap_plan_get_cards (plan));
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;

  g_object_ref_sink (editor);
  g_assert_cmpuint (uses, >, 0);
  dialog = ap_structure_editor_remove (editor, AP_ENTITY_PERIOD, period_id);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  g_assert_nonnull (drop_down);
  /* The choices are the other periods in order: the third period is the second. */
  gtk_drop_down_set_selected (drop_down, 1);
  adw_message_dialog_response (dialog, "move");
  g_assert_null (ap_row_list_lookup (ap_plan_get_periods (plan), period_id));
  g_assert_cmpuint (ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, target_id), ==, in_target + uses);
  g_assert_cmpuint (n_items (ap_plan_get_cards (plan)), ==, n_cards);
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (ap_plan_undo (plan, NULL));
  g_assert_cmpuint (ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, period_id), ==, uses);

  dialog = ap_structure_editor_remove (editor, AP_ENTITY_PERIOD, period_id);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, "release");
  g_assert_null (ap_row_list_lookup (ap_plan_get_periods (plan), period_id));
  g_assert_cmpuint (n_items (ap_plan_get_cards (plan)), ==, n_cards - uses);
  g_assert_cmpuint (ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, target_id), ==, in_target);
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (ap_plan_undo (plan, NULL));
  g_assert_cmpuint (n_items (ap_plan_get_cards (plan)), ==, n_cards);
  g_assert_cmpuint (ap_plan_count_entity_uses (plan, AP_ENTITY_PERIOD, period_id), ==, uses);

  /* Cancel changes nothing. */
  dialog = ap_structure_editor_remove (editor, AP_ENTITY_PERIOD, period_id);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_nonnull (ap_row_list_lookup (ap_plan_get_periods (plan), period_id));
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (editor));
  iterate ();
  g_assert_finalize_object (editor);
}

/* The editor goes away entirely after Save and after Cancel, with its long lists. */
static void
test_editor_finalizes (Fixture       *fixture,
                       gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApCard *card = nth (ap_plan_get_cards (plan), 3);
  ApIncident *incident = nth (ap_plan_get_incidents (plan), 0);
  ApCardEditor *editor;

  gtk_window_present (fixture->window);
  editor = g_object_ref (ap_roadmap_view_edit_card (fixture->view, id_of (card), 0, 0));
  gtk_window_present (GTK_WINDOW (editor));
  iterate ();
  ap_card_editor_set_linked (editor, AP_CARD_LINK_INCIDENTS, id_of (incident), TRUE);
  g_assert_true (ap_card_editor_save (editor));
  iterate ();
  g_assert_finalize_object (editor);
  g_assert_true (ap_card_has_link (card, AP_CARD_LINK_INCIDENTS, id_of (incident)));

  /* Cancel (the header bar's button, Escape) closes it without a command. */
  editor = g_object_ref (ap_roadmap_view_edit_card (fixture->view, id_of (card), 0, 0));
  gtk_window_present (GTK_WINDOW (editor));
  iterate ();
  g_assert_true (ap_card_editor_get_linked (editor, AP_CARD_LINK_INCIDENTS, id_of (incident)));
  ap_card_editor_set_linked (editor, AP_CARD_LINK_INCIDENTS, id_of (incident), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  iterate ();
  g_assert_finalize_object (editor);
  g_assert_true (ap_card_has_link (card, AP_CARD_LINK_INCIDENTS, id_of (incident)));

  /* A new card, cancelled. */
  editor = g_object_ref (ap_roadmap_view_edit_card (fixture->view, 0, 0, 0));
  gtk_window_destroy (GTK_WINDOW (editor));
  iterate ();
  g_assert_finalize_object (editor);
}

/* The long lists build rows for what the search leaves, keep checked rows in view, and
 * never offer the card itself as its own dependency. */
static void
test_editor_lists (Fixture       *fixture,
                   gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApCard *card = nth (ap_plan_get_cards (plan), 0);
  ApCard *other = nth (ap_plan_get_cards (plan), 1);
  guint n_cards = n_items (ap_plan_get_cards (plan));
  ApCardEditor *editor = g_object_ref (ap_roadmap_view_edit_card (fixture->view, id_of (card), 0, 0));
  GListModel *deps = ap_card_editor_get_link_rows (editor, AP_CARD_LINK_DEPENDENCIES);
  GtkEditable *search = ap_card_editor_get_link_search (editor, AP_CARD_LINK_DEPENDENCIES);
  g_autofree char *needle = g_utf8_strdown (ap_card_get_title (card), -1);

  g_assert_null (ap_card_editor_get_check (editor, AP_CARD_LINK_DEPENDENCIES, id_of (other)));
  g_assert_cmpuint (n_items (deps), ==, n_cards - 1);
  for (guint i = 0; i < n_items (deps); i++)
    g_assert_cmpint (id_of (nth (deps, i)), !=, id_of (card));

  ap_card_editor_set_linked (editor, AP_CARD_LINK_DEPENDENCIES, id_of (other), TRUE);
  /* The card's own title finds its namesakes (phases of one initiative), not itself,
   * and the checked card stays listed. */
  gtk_editable_set_text (search, needle);
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_items (deps), <, n_cards - 1);
  g_assert_cmpuint (n_items (deps), >=, 1);
  for (guint i = 0; i < n_items (deps); i++)
    g_assert_cmpint (id_of (nth (deps, i)), !=, id_of (card));
  {
    gboolean listed = FALSE;

    for (guint i = 0; i < n_items (deps); i++)
      listed |= id_of (nth (deps, i)) == id_of (other);
    g_assert_true (listed);
  }
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_items (deps), ==, n_cards - 1);

  g_assert_true (ap_card_editor_save (editor));
  g_assert_finalize_object (editor);
  g_assert_true (ap_card_has_link (card, AP_CARD_LINK_DEPENDENCIES, id_of (other)));
}

/* One selection for both modes: a card selected in the outline is selected on the
 * canvas and the other way round, and New Card fills that card's cell in either mode. */
static void
test_selection_sync (Fixture       *fixture,
                     gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApRoadmapOutline *outline = ap_roadmap_view_get_outline (fixture->view);
  ApRoadmapCanvas *canvas = view_canvas (fixture);
  ApCard *a = nth (ap_plan_get_cards (plan), 4);
  ApCard *b = nth (ap_plan_get_cards (plan), 20);
  const gint64 *ids;
  guint n = 0;

  gtk_window_present (fixture->window);
  iterate ();
  g_assert_true (ap_roadmap_outline_select_card (outline, id_of (a)));
  ids = ap_roadmap_canvas_get_selected_cards (canvas, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ids[0], ==, id_of (a));

  ap_roadmap_canvas_select_card (canvas, id_of (b));
  g_assert_cmpint (ap_roadmap_outline_get_selected_card (outline), ==, id_of (b));
  /* The hidden outline follows without taking the keyboard from the canvas. */
  iterate ();
  g_assert_true (gtk_window_get_focus (fixture->window) == GTK_WIDGET (canvas));

  /* Shown for the first time, the outline reads the plan and selects b's row. */
  ap_roadmap_view_set_mode (fixture->view, "outline");
  iterate ();
  g_assert_cmpint (ap_roadmap_outline_get_selected_card (outline), ==, id_of (b));
  g_assert_cmpuint (ap_roadmap_outline_get_n_cards (outline), ==, n_items (ap_plan_get_cards (plan)));

  /* New Card from the page, in outline mode and in canvas mode: b's cell. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GListModel) toplevels = NULL;
      ApCardEditor *editor = NULL;
      ApCard *added;

      ap_roadmap_view_set_mode (fixture->view, round == 0 ? "outline" : "canvas");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.new-card", NULL));
      toplevels = g_object_ref (gtk_window_get_toplevels ());
      for (guint i = 0; i < n_items (toplevels) && editor == NULL; i++)
        if (AP_IS_CARD_EDITOR (nth (toplevels, i)))
          editor = g_object_ref (nth (toplevels, i));
      g_assert_nonnull (editor);
      gtk_editable_set_text (GTK_EDITABLE (template_child (editor, AP_TYPE_CARD_EDITOR, "title_row")), "Shared cell");
      g_assert_true (ap_card_editor_save (editor));
      g_assert_finalize_object (editor);
      added = nth (ap_plan_get_cards (plan), n_items (ap_plan_get_cards (plan)) - 1);
      g_assert_cmpint (ap_card_get_period_id (added), ==, ap_card_get_period_id (b));
      g_assert_cmpint (ap_card_get_step_id (added), ==, ap_card_get_step_id (b));
      /* The new card is now the selection, on both sides; go back to b. */
      g_assert_cmpint (ap_roadmap_outline_get_selected_card (outline), ==, id_of (added));
      ap_roadmap_view_show_card (fixture->view, id_of (b));
    }

  /* Selecting in the outline while it is shown leaves the keyboard focus there. */
  ap_roadmap_view_set_mode (fixture->view, "outline");
  iterate ();
  gtk_widget_grab_focus (template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "find_button"));
  g_assert_true (ap_roadmap_outline_select_card (outline, id_of (a)));
  ids = ap_roadmap_canvas_get_selected_cards (canvas, &n);
  g_assert_cmpint (ids[0], ==, id_of (a));
  g_assert_true (gtk_window_get_focus (fixture->window) ==
                 template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "find_button"));
}

/* The zoom label follows the canvas, whatever changed its zoom. */
static void
test_zoom_label (Fixture       *fixture,
                 gconstpointer  data)
{
  ApRoadmapCanvas *canvas = view_canvas (fixture);
  GtkButton *button = GTK_BUTTON (template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "zoom_button"));

  g_assert_cmpstr (gtk_button_get_label (button), ==, "100%");
  ap_roadmap_canvas_set_zoom (canvas, 0.5);
  g_assert_cmpstr (gtk_button_get_label (button), ==, "50%");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-in", NULL));
  g_assert_cmpfloat (ap_roadmap_canvas_get_zoom (canvas), >, 0.5);
  {
    g_autofree char *expected = g_strdup_printf ("%.0f%%", ap_roadmap_canvas_get_zoom (canvas) * 100);

    g_assert_cmpstr (gtk_button_get_label (button), ==, expected);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.zoom-reset", NULL));
  g_assert_cmpstr (gtk_button_get_label (button), ==, "100%");
  /* The outline has nothing to zoom: the buttons go, and the keys do nothing. */
  ap_roadmap_view_set_mode (fixture->view, "outline");
  g_assert_false (gtk_widget_get_visible (template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "zoom_box")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "roadmap.zoom-in", NULL);
  g_assert_cmpfloat (ap_roadmap_canvas_get_zoom (canvas), ==, 1.0);
  ap_roadmap_view_set_mode (fixture->view, "canvas");
  g_assert_true (gtk_widget_get_visible (template_child (fixture->view, AP_TYPE_ROADMAP_VIEW, "zoom_box")));
}

/* The structure editor updates its rows in place: after Apply, a reorder or someone
 * else's command the field widgets are the same ones, and the focus stays put. Dates
 * are checked before the core sees them; the footnote is a number. */
static void
test_structure_fields (Fixture       *fixture,
                       gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApStructureEditor *editor = AP_STRUCTURE_EDITOR (ap_roadmap_view_edit_structure (fixture->view));
  gint64 period_id = sorted_id (plan, AP_ENTITY_PERIOD, 1);
  ApPeriod *period = ap_row_list_lookup (ap_plan_get_periods (plan), period_id);
  ApOrganization *org = nth (ap_plan_get_organizations (plan), 1);
  GtkWidget *name = ap_structure_editor_get_field (editor, AP_ENTITY_PERIOD, period_id, "name");
  GtkWidget *end = ap_structure_editor_get_field (editor, AP_ENTITY_PERIOD, period_id, "end");
  GtkWidget *footnote = ap_structure_editor_get_field (editor, AP_ENTITY_ORGANIZATION, id_of (org), "footnote");
  g_autofree char *old_end = g_strdup (ap_period_get_end_date (period));

  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));
  iterate ();
  g_assert_nonnull (name);
  g_assert_nonnull (end);
  g_assert_true (GTK_IS_SPIN_BUTTON (footnote));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (name, ADW_TYPE_EXPANDER_ROW)), TRUE);
  iterate ();
  gtk_widget_grab_focus (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "FY21 Q2 (Oct–Dec)");
  g_signal_emit_by_name (name, "apply");
  iterate ();
  g_assert_cmpstr (ap_period_get_name (period), ==, "FY21 Q2 (Oct–Dec)");
  g_assert_true (ap_structure_editor_get_field (editor, AP_ENTITY_PERIOD, period_id, "name") == name);
  g_assert_true (gtk_widget_has_focus (name) || gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)), name));

  /* Moving the period up moves its row; the widgets and the focus go with it. */
  g_assert_true (ap_plan_reorder_entity (plan, AP_ENTITY_PERIOD, period_id, 0, NULL));
  iterate ();
  g_assert_true (ap_structure_editor_get_field (editor, AP_ENTITY_PERIOD, period_id, "name") == name);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)), name));
  g_assert_true (ap_plan_undo (plan, NULL));
  iterate ();

  /* Not a date, or a date before the start: marked, and nothing reaches the plan. */
  gtk_editable_set_text (GTK_EDITABLE (end), "2020-02-30");
  g_signal_emit_by_name (end, "apply");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  g_assert_cmpstr (ap_period_get_end_date (period), ==, old_end);
  gtk_editable_set_text (GTK_EDITABLE (end), "1999-01-01");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  g_signal_emit_by_name (end, "apply");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  g_assert_cmpstr (ap_period_get_end_date (period), ==, old_end);
  /* Correcting it clears the mark as soon as it is right; Apply saves it. */
  gtk_editable_set_text (GTK_EDITABLE (end), "2020-12-30");
  g_assert_false (gtk_widget_has_css_class (end, "error"));
  g_signal_emit_by_name (end, "apply");
  g_assert_cmpstr (ap_period_get_end_date (period), ==, "2020-12-30");
  /* An undo shows the plan's value again. */
  g_assert_true (ap_plan_undo (plan, NULL));
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, old_end);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (footnote), 7);
  g_assert_cmpint (ap_organization_get_footnote (org), ==, 7);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (footnote), 0);
  g_assert_cmpint (ap_organization_get_footnote (org), ==, 0);
  iterate ();
  g_assert_true (ap_structure_editor_get_field (editor, AP_ENTITY_ORGANIZATION, id_of (org), "footnote") == footnote);

  gtk_window_destroy (GTK_WINDOW (editor));
  iterate ();
  g_assert_finalize_object (editor);
}

static guint
count_descendants (GtkWidget *widget,
                   GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_descendants (child, type);
  return n;
}

/* On a plan of thousands of cards and incidents the editor builds check boxes only for
 * the rows around what is on screen, and still saves links to rows never shown. */
static void
test_editor_big_plan (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "big.archplan", NULL);
  ApBenchSize size = { 3000, 3000, 10 };
  g_autoptr(ApPlan) big = NULL;
  ApCardEditor *editor;
  ApCard *card, *last_card;
  ApIncident *last_incident;

  g_assert_true (ap_bench_generate_file (path, &size, &error));
  g_assert_no_error (error);
  big = ap_plan_open (path, AP_PLAN_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (ap_plan_get_cards (big)), ==, 3000);
  ap_roadmap_view_set_plan (fixture->view, big);
  gtk_window_present (fixture->window);
  card = nth (ap_plan_get_cards (big), 0);
  last_card = nth (ap_plan_get_cards (big), 2999);
  last_incident = nth (ap_plan_get_incidents (big), n_items (ap_plan_get_incidents (big)) - 1);

  editor = g_object_ref (ap_roadmap_view_edit_card (fixture->view, id_of (card), 0, 0));
  gtk_window_present (GTK_WINDOW (editor));
  iterate ();
  g_assert_cmpuint (n_items (ap_card_editor_get_link_rows (editor, AP_CARD_LINK_DEPENDENCIES)), ==, 2999);
  g_assert_cmpuint (n_items (ap_card_editor_get_link_rows (editor, AP_CARD_LINK_INCIDENTS)), ==,
                    n_items (ap_plan_get_incidents (big)));
  /* GTK 4.8's list view keeps about 200 rows of each list alive, whatever its length:
   * some hundreds of check boxes for the 6,000 rows of the two lists. */
  g_assert_cmpuint (count_descendants (GTK_WIDGET (editor), GTK_TYPE_CHECK_BUTTON), <, 600);

  ap_card_editor_set_linked (editor, AP_CARD_LINK_DEPENDENCIES, id_of (last_card), TRUE);
  ap_card_editor_set_linked (editor, AP_CARD_LINK_INCIDENTS, id_of (last_incident), TRUE);
  g_assert_true (ap_card_editor_save (editor));
  iterate ();
  g_assert_finalize_object (editor);
  g_assert_true (ap_card_has_link (card, AP_CARD_LINK_DEPENDENCIES, id_of (last_card)));
  g_assert_true (ap_card_has_link (card, AP_CARD_LINK_INCIDENTS, id_of (last_incident)));

  ap_roadmap_view_set_plan (fixture->view, fixture->plan);
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
  g_test_add ("/roadmap-view/outline-move", Fixture, NULL, fixture_set_up, test_outline_move, fixture_tear_down);
  g_test_add ("/roadmap-view/filter-menus", Fixture, NULL, fixture_set_up, test_filter_menus, fixture_tear_down);
  g_test_add ("/roadmap-view/remove-dialog", Fixture, NULL, fixture_set_up, test_remove_dialog, fixture_tear_down);
  g_test_add ("/roadmap-view/editor-finalizes", Fixture, NULL, fixture_set_up, test_editor_finalizes, fixture_tear_down);
  g_test_add ("/roadmap-view/editor-lists", Fixture, NULL, fixture_set_up, test_editor_lists, fixture_tear_down);
  g_test_add ("/roadmap-view/selection-sync", Fixture, NULL, fixture_set_up, test_selection_sync, fixture_tear_down);
  g_test_add ("/roadmap-view/zoom-label", Fixture, NULL, fixture_set_up, test_zoom_label, fixture_tear_down);
  g_test_add ("/roadmap-view/editor-big-plan", Fixture, NULL, fixture_set_up, test_editor_big_plan, fixture_tear_down);
  g_test_add ("/roadmap-view/structure-fields", Fixture, NULL, fixture_set_up, test_structure_fields, fixture_tear_down);
  return g_test_run ();
}
