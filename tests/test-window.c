/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ap-application.h"
#include "ap-plan.h"
#include "ap-chart-view.h"
#include "ap-incident-view.h"
#include "ap-roadmap-view.h"
#include "ap-window.h"
#include "key-press.h"

/* ApWindow on a copy of the sample plan: the title, the three views and their row
 * counts, delete with undo and redo through the window's actions, the settings it
 * keeps, the shortcuts it dispatches, and that every object is finalized. Needs a
 * display; without one the test reports "skipped" (77) instead of failing. Shortcuts
 * are real key presses (key-press.c): the window, not the focused widget, runs them. */

typedef struct
{
  char   *dir;
  char   *path;
  ApPlan *plan;
} Fixture;

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ApPlanOpenFlags flags = GPOINTER_TO_UINT (data);

  fixture->dir = g_dir_make_tmp ("test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "plan.archplan", NULL);
  fixture->plan = ap_plan_open (fixture->path, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->plan);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->plan);
  remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gpointer
get_child (ApWindow   *window,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), AP_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

/* The cards the Roadmap page's outline lists. */
static guint
count_outline (ApWindow *window)
{
  return ap_roadmap_outline_get_n_cards (ap_roadmap_view_get_outline (get_child (window, "roadmap_view")));
}

static const char *
roadmap_page (ApWindow *window)
{
  GtkWidget *view = get_child (window, "roadmap_view");

  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (view, AP_TYPE_ROADMAP_VIEW,
                                                                                     "mode_stack")));
}

static guint
count_items (ApRowList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* Lets the window map and bind the rows on screen, so the cell code runs too. */
static void
show_and_wait (ApWindow *window)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
destroy_window (ApWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Idle callbacks and queued frames may still hold the window for a moment. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}


/* The message dialog @window shows, if any (a new reference). */
static AdwMessageDialog *
find_dialog (ApWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return g_object_ref (ADW_MESSAGE_DIALOG (toplevel));
    }
  return NULL;
}

static void
respond_and_close (AdwMessageDialog *dialog,
                   const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Long work starts after the frame that shows the spinner; waits until it is done. */
static void
wait_until_idle (ApWindow *window)
{
  GtkWidget *spinner = get_child (window, "spinner");
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gtk_widget_get_visible (spinner) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (spinner));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_templates (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/archplan/Archplan/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  g_autoptr(GBytes) css = NULL;

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  css = g_resources_lookup_data ("/org/archplan/Archplan/style.css", 0, NULL);
  g_assert_nonnull (css);
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApWindow *window = g_object_ref (ap_window_new (NULL, plan));
  AdwViewStack *stack = get_child (window, "view_stack");
  static const char *views[] = { "roadmap", "incidents", "charts" };
  guint n_cards = count_items (ap_plan_get_cards (plan));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, ap_plan_get_title (plan));
  g_assert_cmpstr (ap_plan_get_title (plan), !=, "");
  g_assert_true (ap_window_get_plan (window) == plan);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_assert_nonnull (adw_view_stack_get_child_by_name (stack, views[i]));

  g_assert_cmpuint (n_cards, >, 0);
  g_assert_cmpuint (count_outline (window), ==, n_cards);
  g_assert_cmpuint (g_list_model_get_n_items (ap_incident_view_get_model (get_child (window, "incident_view"))),
                    ==, count_items (ap_plan_get_incidents (plan)));
  /* The charts read their figures when first shown, not while the roadmap opens. */
  g_assert_true (ap_chart_data_get_stale (ap_chart_view_get_data (get_child (window, "chart_view"))));
  g_assert_cmpuint (count_items (ap_plan_get_incidents (plan)), >, 0);
  g_assert_cmpuint (count_items (ap_plan_get_categories (plan)), >, 0);
  g_assert_cmpstr (roadmap_page (window), !=, "empty");

  show_and_wait (window);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i]));
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, views[i]);
    }
  g_assert_false (ap_chart_data_get_stale (ap_chart_view_get_data (get_child (window, "chart_view"))));
  g_assert_cmpuint (ap_chart_data_get_n_categories (ap_chart_view_get_data (get_child (window, "chart_view"))),
                    ==, count_items (ap_plan_get_categories (plan)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "roadmap"));

  destroy_window (window);
}

static void
test_delete_undo_redo (Fixture       *fixture,
                       gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApWindow *window = g_object_ref (ap_window_new (NULL, plan));
  GtkWidget *outline = GTK_WIDGET (ap_roadmap_view_get_outline (get_child (window, "roadmap_view")));
  guint n_cards = count_items (ap_plan_get_cards (plan));
  g_autoptr(ApCard) first = g_list_model_get_item (G_LIST_MODEL (ap_plan_get_cards (plan)), 0);
  gint64 first_id = ap_object_get_id (AP_OBJECT (first));

  show_and_wait (window);

  /* Nothing is selected at first, so Delete cannot remove a card by surprise. (GTK 4.8
   * reports a disabled action as activated; what counts is that nothing changed.) */
  gtk_widget_activate_action (outline, "outline.delete", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (count_items (ap_plan_get_cards (plan)), ==, n_cards);
  g_assert_false (ap_plan_can_undo (plan));

  g_assert_true (ap_roadmap_outline_select_card (AP_ROADMAP_OUTLINE (outline), first_id));
  g_assert_true (gtk_widget_activate_action (outline, "outline.delete", NULL));
  g_assert_cmpuint (count_items (ap_plan_get_cards (plan)), ==, n_cards - 1);
  g_assert_cmpuint (count_outline (window), ==, n_cards - 1);
  g_assert_null (ap_row_list_lookup (ap_plan_get_cards (plan), first_id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (count_items (ap_plan_get_cards (plan)), ==, n_cards);
  g_assert_cmpuint (count_outline (window), ==, n_cards);
  g_assert_nonnull (ap_row_list_lookup (ap_plan_get_cards (plan), first_id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (count_items (ap_plan_get_cards (plan)), ==, n_cards - 1);
  g_assert_cmpuint (count_outline (window), ==, n_cards - 1);

  /* Let the idle refresh run over the changed lists before the window goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  destroy_window (window);
}

/* Exports, imports (cancelled, confirmed, undone, refused) and Save As, as the menu
 * runs them once a file is chosen. */
static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  ApPlan *plan = fixture->plan;
  ApWindow *window = g_object_ref (ap_window_new (NULL, plan));
  g_autofree char *json = g_build_filename (fixture->dir, "plan.json", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.json", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.archplan", NULL);
  guint n_cards = count_items (ap_plan_get_cards (plan));
  g_autoptr(ApCard) first = g_list_model_get_item (G_LIST_MODEL (ap_plan_get_cards (plan)), 0);
  g_autoptr(ApCard) second = NULL;
  ApPlan *copy_plan;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  show_and_wait (window);

  ap_window_export_json (window, json);
  wait_until_idle (window);
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
  g_assert_null (find_dialog (window));

  g_assert_true (ap_plan_delete_card (plan, ap_object_get_id (AP_OBJECT (first)), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_outline (window), ==, n_cards - 1);

  /* Cancelling the confirmation changes nothing. */
  ap_window_import_json (window, json);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond_and_close (dialog, "cancel");
  wait_until_idle (window);
  g_assert_cmpuint (count_items (ap_plan_get_cards (plan)), ==, n_cards - 1);

  /* Replacing brings the exported content back, and can be undone. */
  ap_window_import_json (window, json);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond_and_close (dialog, "replace");
  wait_until_idle (window);
  g_assert_null (find_dialog (window));
  g_assert_cmpuint (count_items (ap_plan_get_cards (plan)), ==, n_cards);
  g_assert_cmpuint (count_outline (window), ==, n_cards);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (count_outline (window), ==, n_cards - 1);

  /* A broken snapshot is refused with a dialog that names the file, and changes nothing. */
  g_assert_true (g_file_set_contents (broken, "{ \"format\": ", -1, &error));
  g_assert_no_error (error);
  ap_window_import_json (window, broken);
  respond_and_close (find_dialog (window), "replace");
  wait_until_idle (window);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could not import “broken.json”");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  respond_and_close (dialog, "close");
  g_assert_cmpuint (count_items (ap_plan_get_cards (plan)), ==, n_cards - 1);

  /* Save As goes on in the copy; the original stays as it was. */
  g_assert_true (ap_window_save_as (window, copy));
  g_assert_cmpstr (ap_plan_get_path (ap_window_get_plan (window)), ==, copy);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, ap_plan_get_title (plan));
  g_assert_cmpuint (count_outline (window), ==, n_cards - 1);
  copy_plan = ap_window_get_plan (window);
  second = g_list_model_get_item (G_LIST_MODEL (ap_plan_get_cards (copy_plan)), 0);
  g_assert_true (ap_plan_delete_card (copy_plan, ap_object_get_id (AP_OBJECT (second)), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_outline (window), ==, n_cards - 2);
  g_assert_cmpuint (count_items (ap_plan_get_cards (plan)), ==, n_cards - 1);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  destroy_window (window);
}

/* The application opens each plan once, reports a missing one in a dialog of its own,
 * and gives windows their accelerators and the shortcuts window. */
static void
test_application (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ApApplication) app = ap_application_new ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.archplan", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  GtkWindow *window, *again, *none;
  GList *windows;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.undo");
  g_assert_cmpstr (accels[0], ==, "<Control>z");

  /* The fixture holds the plan open; the window opens the same file a second time, as a
   * second process would. */
  window = ap_application_open_file (app, file, NULL);
  g_assert_true (AP_IS_WINDOW (window));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  again = ap_application_open_file (app, file, NULL);
  g_assert_true (again == window);

  none = ap_application_open_file (app, missing, window);
  g_assert_null (none);
  g_assert_false (g_file_query_exists (missing, NULL));
  respond_and_close (find_dialog (AP_WINDOW (window)), "close");

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_object_ref (window);
  destroy_window (AP_WINDOW (window));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  ApWindow *window = g_object_ref (ap_window_new (NULL, fixture->plan));
  g_assert_cmpuint (count_outline (window), ==, 0);
  g_assert_cmpstr (roadmap_page (window), ==, "empty");
  g_assert_cmpstr (ap_incident_view_get_visible_page (get_child (window, "incident_view")), ==, "none");
  g_assert_cmpuint (ap_chart_data_get_n_categories (ap_chart_view_get_data (get_child (window, "chart_view"))),
                    ==, 0);
  /* A plan without a title is named after its file. */
  if (*ap_plan_get_title (fixture->plan) != '\0')
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                     ap_plan_get_title (fixture->plan));
  else
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "plan");

  show_and_wait (window);
  destroy_window (window);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *uri = g_filename_to_uri (fixture->path, NULL, NULL);
  g_auto(GStrv) recent = NULL;
  g_autofree char *last_view = NULL;
  g_autofree char *action = NULL;
  g_autofree char *label = NULL;
  GMenuModel *section;
  ApWindow *window;

  /* Earlier tests of this process opened plans too. */
  g_settings_reset (settings, "recent-plans");
  g_settings_set_string (settings, "last-view", "incidents");
  window = g_object_ref (ap_window_new (NULL, fixture->plan));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_child (window, "view_stack")), ==,
                   "incidents");

  recent = g_settings_get_strv (settings, "recent-plans");
  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, uri);

  /* The menu lists the other recent plans, not the one shown. */
  section = get_child (window, "recent_section");
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 1);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action));
  g_assert_cmpstr (action, ==, "win.no-recent");
  {
    const char *other[] = { uri, "file:///tmp/q3_plans.archplan", NULL };

    g_settings_set_strv (settings, "recent-plans", other);
  }
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 1);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &label));
  g_assert_cmpstr (label, ==, "q3__plans");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "charts"));
  last_view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last_view, ==, "charts");

  destroy_window (window);
  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "recent-plans");
}

/* Whether the keyboard focus is @widget or inside it (an entry's text). */
static gboolean
has_focus_in (ApWindow  *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The first button inside @widget that shows @icon_name. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *icon_name)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, icon_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
show_page (ApWindow   *window,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", name));
  ap_test_settle (GTK_WIDGET (window));
}

/* Ctrl+F finds on the page shown, wherever the keyboard focus is in the window: on the
 * Incidents page it goes to the incident search from the view switcher, the header
 * bar's menu button or the list; on the Roadmap page it opens the roadmap's find bar.
 * Neither page takes it while the other one is shown. */
static void
test_find_shortcut (Fixture       *fixture,
                    gconstpointer  data)
{
  ApWindow *window;
  GtkWidget *switcher, *menu_button, *incidents, *list, *incident_search, *roadmap;
  GtkSearchBar *roadmap_bar;

  if (ap_test_keys_skip ())
    return;
  window = g_object_ref (ap_window_new (NULL, fixture->plan));
  show_and_wait (window);
  switcher = get_child (window, "switcher_title");
  menu_button = find_button (GTK_WIDGET (window), "open-menu-symbolic");
  incidents = get_child (window, "incident_view");
  list = GTK_WIDGET (gtk_widget_get_template_child (incidents, AP_TYPE_INCIDENT_VIEW, "column_view"));
  incident_search = GTK_WIDGET (ap_incident_view_get_search_entry (AP_INCIDENT_VIEW (incidents)));
  roadmap = get_child (window, "roadmap_view");
  roadmap_bar = GTK_SEARCH_BAR (gtk_widget_get_template_child (roadmap, AP_TYPE_ROADMAP_VIEW, "search_bar"));
  g_assert_nonnull (menu_button);

  show_page (window, "incidents");
  g_assert_true (gtk_widget_child_focus (switcher, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_in (window, switcher));
  ap_test_press_key (GTK_WINDOW (window), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (has_focus_in (window, incident_search));

  g_assert_true (gtk_widget_grab_focus (menu_button));
  ap_test_press_key (GTK_WINDOW (window), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (has_focus_in (window, incident_search));

  g_assert_true (gtk_widget_grab_focus (list));
  g_assert_false (has_focus_in (window, incident_search));
  ap_test_press_key (GTK_WINDOW (window), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (has_focus_in (window, incident_search));
  g_assert_false (gtk_search_bar_get_search_mode (roadmap_bar));

  show_page (window, "roadmap");
  g_assert_true (gtk_widget_child_focus (switcher, GTK_DIR_TAB_FORWARD));
  ap_test_press_key (GTK_WINDOW (window), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (gtk_search_bar_get_search_mode (roadmap_bar));
  g_assert_true (has_focus_in (window, GTK_WIDGET (roadmap_bar)));

  /* Back on the Incidents page the roadmap's find bar stays as it was. */
  show_page (window, "incidents");
  g_assert_true (gtk_widget_child_focus (switcher, GTK_DIR_TAB_FORWARD));
  ap_test_press_key (GTK_WINDOW (window), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (has_focus_in (window, incident_search));
  g_assert_true (gtk_search_bar_get_search_mode (roadmap_bar));

  destroy_window (window);
}

/* Ctrl+Shift+A adds on the page shown, wherever the focus is: an incident on the
 * Incidents page (from the view switcher too), not a card. */
static void
test_add_shortcut (Fixture       *fixture,
                   gconstpointer  data)
{
  ApWindow *window;
  GtkWidget *switcher;
  AdwMessageDialog *dialog;

  if (ap_test_keys_skip ())
    return;
  window = g_object_ref (ap_window_new (NULL, fixture->plan));
  show_and_wait (window);
  switcher = get_child (window, "switcher_title");

  show_page (window, "incidents");
  g_assert_true (gtk_widget_child_focus (switcher, GTK_DIR_TAB_FORWARD));
  ap_test_press_key (GTK_WINDOW (window), GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  ap_test_settle (GTK_WIDGET (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Incident");
  respond_and_close (dialog, "cancel");

  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display; skipping the window tests.\n");
      return 77;
    }
  adw_init ();
  ap_test_keys_init ();

  g_test_add_func ("/window/templates", test_templates);
  g_test_add ("/window/sample", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_sample, fixture_tear_down);
  g_test_add ("/window/delete-undo-redo", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_delete_undo_redo, fixture_tear_down);
  g_test_add ("/window/export-import", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_export_import, fixture_tear_down);
  g_test_add ("/window/application", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_application, fixture_tear_down);
  g_test_add ("/window/empty", Fixture, GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE),
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/window/settings", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/window/find-shortcut", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_find_shortcut, fixture_tear_down);
  g_test_add ("/window/add-shortcut", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_add_shortcut, fixture_tear_down);
  return g_test_run ();
}
