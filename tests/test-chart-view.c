/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ap-chart-view.h"
#include "ap-incident-view.h"
#include "ap-window.h"
#include "key-press.h"

/* ApChartView on the sample plan, driven from the keyboard the way a user drives it:
 * the arrow keys walk the bars and say what they are, Enter opens a bar's category
 * (win.show-category, caught here by a test action), F11 from anywhere in the window
 * opens meeting mode, Left and Right step its charts, Escape leaves it.
 *
 * Keys are real key presses sent through the X server with XTest (key-press.c), because
 * F11 is a shortcut the window dispatches and signals emitted by hand would skip
 * exactly that. Without a display the test reports "skipped" (77); without XTest, the
 * parts that press keys are skipped. */

#define WAIT_SECONDS 5

typedef struct
{
  char        *dir;
  ApPlan      *plan;
  GtkWindow   *window;
  GtkStack    *pages;     /* the chart view and another page, as in the window */
  ApChartView *view;
  GtkWidget   *elsewhere; /* a button outside the chart view */
  guint        n_shown;
  gint64       shown_category;
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

/* Main loop. */

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wait_for (Fixture   *f,
          Condition  condition)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (f) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return condition (f);
}

static void
settle (Fixture *f)
{
  ap_test_settle (GTK_WIDGET (f->window));
}

static ApChartCanvas *
canvas (Fixture *f)
{
  return ap_chart_view_get_canvas (f->view);
}

static gboolean
canvas_has_bars (Fixture *f)
{
  return ap_chart_canvas_get_n_bars (canvas (f)) > 0;
}

static gboolean
meeting_is_mapped (Fixture *f)
{
  GtkWindow *meeting = ap_chart_view_get_meeting_window (f->view);

  return meeting != NULL && gtk_widget_get_mapped (GTK_WIDGET (meeting));
}

static gboolean
meeting_is_gone (Fixture *f)
{
  return ap_chart_view_get_meeting_window (f->view) == NULL;
}

/* Keys. */

/* Without a window manager nobody gives a new window the keyboard focus; presenting it
 * again once it is on screen makes GDK set the X input focus itself. */
static void
focus_window (Fixture   *f,
              GtkWindow *window)
{
  gtk_window_present (window);
  settle (f);
}

/* Presses and releases @keyval in the meeting window while there is one, else in the
 * test's window. */
static void
press_key (Fixture *f,
           guint    keyval)
{
  GtkWindow *meeting = ap_chart_view_get_meeting_window (f->view);

  ap_test_press_key (meeting != NULL ? meeting : f->window, keyval, 0);
}

/* Fixture. */

static void
on_show_category_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     Fixture       *f)
{
  f->n_shown++;
  f->shown_category = g_variant_get_int64 (parameter);
}

/* The application's window, on its Charts page. */
static void
set_up_app_window (Fixture *f)
{
  f->window = GTK_WINDOW (ap_window_new (NULL, f->plan));
  gtk_window_set_default_size (f->window, 1000, 700);
  f->view = AP_CHART_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                          AP_TYPE_WINDOW, "chart_view"));
  g_assert_nonnull (f->view);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "charts");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show = g_simple_action_new ("show-category", G_VARIANT_TYPE_INT64);
  GtkWidget *box;

  f->dir = g_dir_make_tmp ("test-chart-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.archplan", NULL);
  f->plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_assert_no_error (error);

  if (GPOINTER_TO_INT (data))
    {
      set_up_app_window (f);
      gtk_window_present (f->window);
      g_assert_true (wait_for (f, canvas_has_bars));
      focus_window (f, f->window);
      return;
    }

  /* The window the view sits in stands in for ApWindow: it has a button outside the
   * view, a second page, and the action a bar opens. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 420);
  g_signal_connect (show, "activate", G_CALLBACK (on_show_category_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show));
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  f->elsewhere = gtk_button_new_with_label ("Elsewhere");
  f->pages = GTK_STACK (gtk_stack_new ());
  f->view = AP_CHART_VIEW (ap_chart_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (f->pages), TRUE);
  gtk_stack_add_named (f->pages, GTK_WIDGET (f->view), "charts");
  gtk_stack_add_named (f->pages, gtk_label_new ("Another page"), "other");
  gtk_box_append (GTK_BOX (box), f->elsewhere);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->pages));
  gtk_window_set_child (f->window, box);

  ap_chart_view_set_plan (f->view, f->plan);
  gtk_window_present (f->window);
  g_assert_true (wait_for (f, canvas_has_bars));
  focus_window (f, f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  /* The window goes with everything in it, the meeting window included; idle callbacks
   * and queued frames may hold it for a moment. */
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (f->window);
  while (f->window != NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (f->window);
  g_assert_finalize_object (f->plan);
  remove_dir (f->dir);
  g_free (f->dir);
}

/* Tests. */

/* The focused bar's description, or "" with none. */
static const char *
focus_text (Fixture *f)
{
  const char *text = ap_chart_canvas_get_focus_description (canvas (f));

  return text != NULL ? text : "";
}

static const char *
describe_focus (Fixture *f)
{
  const char *text = ap_chart_canvas_get_focus_description (canvas (f));

  g_assert_nonnull (text);
  return text;
}

static void
test_keys_walk_bars (Fixture       *f,
                     gconstpointer  data)
{
  ApChartData *chart_data = ap_chart_view_get_data (f->view);
  const ApChartCategory *first = ap_chart_data_get_category (chart_data, 0);
  g_autofree char *survey = NULL;
  g_autofree char *live = NULL;
  guint n_bars;

  if (ap_test_keys_skip ())
    return;
  g_assert_cmpint (ap_chart_view_get_kind (f->view), ==, AP_CHART_INCIDENTS);
  gtk_widget_grab_focus (GTK_WIDGET (canvas (f)));
  g_assert_cmpint (ap_chart_canvas_get_focus_bar (canvas (f)), ==, -1);
  g_assert_null (ap_chart_canvas_get_focus_description (canvas (f)));

  /* The first category's survey bar, then its live bar. */
  press_key (f, GDK_KEY_Down);
  g_assert_cmpint (ap_chart_canvas_get_focus_bar (canvas (f)), ==, 0);
  survey = g_strdup (describe_focus (f));
  g_assert_true (g_str_has_prefix (survey, first->name));
  g_assert_nonnull (strstr (survey, "14 incidents in the survey"));
  g_assert_nonnull (strstr (survey, "Progress"));

  press_key (f, GDK_KEY_Down);
  g_assert_cmpint (ap_chart_canvas_get_focus_bar (canvas (f)), ==, 1);
  live = g_strdup (describe_focus (f));
  g_assert_cmpstr (live, !=, survey);
  g_assert_nonnull (strstr (live, "0 incidents, status Progress"));

  press_key (f, GDK_KEY_Up);
  g_assert_cmpint (ap_chart_canvas_get_focus_bar (canvas (f)), ==, 0);
  g_assert_cmpstr (describe_focus (f), ==, survey);

  /* End reaches the last bar, Masquerading's single live incident. */
  n_bars = ap_chart_canvas_get_n_bars (canvas (f));
  g_assert_cmpuint (n_bars, ==, 2 * ap_chart_data_get_n_categories (chart_data));
  press_key (f, GDK_KEY_End);
  g_assert_cmpint (ap_chart_canvas_get_focus_bar (canvas (f)), ==, (int) n_bars - 1);
  g_assert_cmpstr (describe_focus (f), ==, "Masquerading: 1 incident, status no status");
  press_key (f, GDK_KEY_Home);
  g_assert_cmpint (ap_chart_canvas_get_focus_bar (canvas (f)), ==, 0);

  /* Keys pressed elsewhere leave the bars alone. */
  gtk_widget_grab_focus (f->elsewhere);
  press_key (f, GDK_KEY_End);
  g_assert_cmpint (ap_chart_canvas_get_focus_bar (canvas (f)), ==, 0);
}

static GtkAdjustment *
get_vadjustment (Fixture *f)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (canvas (f)),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scrolled);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* Pain versus plan needs three bars a row: eleven rows do not fit in a short window at
 * a readable size, so the chart scrolls, and the focused bar is scrolled into view. */
static void
test_tall_chart_scrolls (Fixture       *f,
                         gconstpointer  data)
{
  GtkAdjustment *adjustment = get_vadjustment (f);
  int canvas_height;

  ap_chart_view_set_kind (f->view, AP_CHART_PAIN_VS_PLAN);
  settle (f);
  canvas_height = gtk_widget_get_height (GTK_WIDGET (canvas (f)));
  g_assert_cmpint (canvas_height, >, gtk_widget_get_height (GTK_WIDGET (f->pages)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >=, canvas_height);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  if (ap_test_keys_skip ())
    return;
  gtk_widget_grab_focus (GTK_WIDGET (canvas (f)));
  press_key (f, GDK_KEY_End);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) +
                     gtk_adjustment_get_page_size (adjustment), >=, canvas_height - 60);
  press_key (f, GDK_KEY_Home);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, 100);

  /* Back to a chart that fits: no scrolling left. */
  ap_chart_view_set_kind (f->view, AP_CHART_STATUS);
  settle (f);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (canvas (f))), <=,
                   gtk_widget_get_height (GTK_WIDGET (f->pages)));
}

static void
test_enter_shows_category (Fixture       *f,
                           gconstpointer  data)
{
  ApChartData *chart_data = ap_chart_view_get_data (f->view);
  gint64 first = ap_chart_data_get_category (chart_data, 0)->id;
  gint64 second = ap_chart_data_get_category (chart_data, 1)->id;
  g_autoptr(GArray) bars = NULL;
  GtkEventController *click = NULL;
  g_autoptr(GListModel) controllers = NULL;
  const ApChartBar *bar;

  if (ap_test_keys_skip ())
    return;
  gtk_widget_grab_focus (GTK_WIDGET (canvas (f)));

  /* Enter with no bar focused does nothing. */
  press_key (f, GDK_KEY_Return);
  g_assert_cmpuint (f->n_shown, ==, 0);

  press_key (f, GDK_KEY_Down);
  press_key (f, GDK_KEY_Return);
  g_assert_cmpuint (f->n_shown, ==, 1);
  g_assert_cmpint (f->shown_category, ==, first);

  /* Bars 2 and 3 are the second category's. */
  press_key (f, GDK_KEY_Down);
  press_key (f, GDK_KEY_Down);
  press_key (f, GDK_KEY_Down);
  press_key (f, GDK_KEY_KP_Enter);
  g_assert_cmpuint (f->n_shown, ==, 2);
  g_assert_cmpint (f->shown_category, ==, second);

  /* The status summary's bars stand for statuses, not categories. */
  ap_chart_view_set_kind (f->view, AP_CHART_STATUS);
  settle (f);
  press_key (f, GDK_KEY_Down);
  g_assert_nonnull (strstr (describe_focus (f), "Status Progress: 3 categories"));
  press_key (f, GDK_KEY_Return);
  g_assert_cmpuint (f->n_shown, ==, 2);

  /* A click on a bar opens it too: the click gesture's release, where the hit test
   * says the first category's survey bar is. */
  ap_chart_view_set_kind (f->view, AP_CHART_INCIDENTS);
  settle (f);
  bars = ap_chart_layout (chart_data, AP_CHART_INCIDENTS,
                          gtk_widget_get_width (GTK_WIDGET (canvas (f))),
                          gtk_widget_get_height (GTK_WIDGET (canvas (f))), 1.0);
  bar = &g_array_index (bars, ApChartBar, 2);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas (f)));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = controller;
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, bar->x + 4, bar->y + bar->height / 2);
  g_assert_cmpuint (f->n_shown, ==, 3);
  g_assert_cmpint (f->shown_category, ==, second);
  g_assert_cmpint (ap_chart_canvas_get_focus_bar (canvas (f)), ==, 2);
}

static void
test_meeting_mode (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *meeting;

  if (ap_test_keys_skip ())
    return;

  /* F11 works from anywhere in the window while the charts are shown… */
  gtk_widget_grab_focus (f->elsewhere);
  press_key (f, GDK_KEY_F11);
  g_assert_true (wait_for (f, meeting_is_mapped));
  meeting = ap_chart_view_get_meeting_window (f->view);
  g_assert_true (gtk_window_is_fullscreen (meeting));
  g_assert_true (gtk_window_get_transient_for (meeting) == f->window);

  /* …Right and Left step through the charts, in the window and in the view… */
  press_key (f, GDK_KEY_Right);
  g_assert_cmpint (ap_chart_view_get_kind (f->view), ==, AP_CHART_OCCURRENCES);
  press_key (f, GDK_KEY_Left);
  press_key (f, GDK_KEY_Left);
  g_assert_cmpint (ap_chart_view_get_kind (f->view), ==, AP_CHART_STATUS);
  press_key (f, GDK_KEY_Right);
  g_assert_cmpint (ap_chart_view_get_kind (f->view), ==, AP_CHART_INCIDENTS);

  /* …and Escape leaves. */
  press_key (f, GDK_KEY_Escape);
  g_assert_true (wait_for (f, meeting_is_gone));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (canvas (f))));

  /* While another page is shown, F11 is not the charts' to take. */
  gtk_stack_set_visible_child_name (f->pages, "other");
  settle (f);
  press_key (f, GDK_KEY_F11);
  g_assert_null (ap_chart_view_get_meeting_window (f->view));
  gtk_stack_set_visible_child_name (f->pages, "charts");
  settle (f);
  press_key (f, GDK_KEY_F11);
  g_assert_true (wait_for (f, meeting_is_mapped));
  press_key (f, GDK_KEY_F11);
  g_assert_true (wait_for (f, meeting_is_gone));
}

static gboolean
data_is_fresh (Fixture *f)
{
  return !ap_chart_data_get_stale (ap_chart_view_get_data (f->view));
}

/* Sets the first category's survey count. */
static void
edit_survey_count (Fixture *f,
                   gint64   count)
{
  const ApChartCategory *c = ap_chart_data_get_category (ap_chart_view_get_data (f->view), 0);
  ApEntityFields fields = { .name = c->name, .color = c->color, .status = c->status,
                            .notes = "", .recorded_incidents = count };
  g_autoptr(GError) error = NULL;

  g_assert_true (ap_plan_update_entity (f->plan, AP_ENTITY_CATEGORY, c->id, &fields, &error));
  g_assert_no_error (error);
}

/* An edit redraws the charts once; while they are not shown it only marks the figures
 * stale, and showing them reads them again before they are drawn. */
static void
test_recompute_when_shown (Fixture       *f,
                           gconstpointer  data)
{
  ApChartData *chart_data = ap_chart_view_get_data (f->view);
  guint n = ap_chart_data_get_n_recomputes (chart_data);

  edit_survey_count (f, 20);
  g_assert_true (wait_for (f, data_is_fresh));
  g_assert_cmpuint (ap_chart_data_get_n_recomputes (chart_data), ==, n + 1);
  g_assert_cmpint (ap_chart_data_get_category (chart_data, 0)->recorded, ==, 20);

  gtk_stack_set_visible_child_name (f->pages, "other");
  settle (f);
  edit_survey_count (f, 21);
  edit_survey_count (f, 22);
  settle (f);
  g_assert_true (ap_chart_data_get_stale (chart_data));
  g_assert_cmpuint (ap_chart_data_get_n_recomputes (chart_data), ==, n + 1);

  gtk_stack_set_visible_child_name (f->pages, "charts");
  g_assert_true (data_is_fresh (f));
  g_assert_cmpuint (ap_chart_data_get_n_recomputes (chart_data), ==, n + 2);
  g_assert_cmpint (ap_chart_data_get_category (chart_data, 0)->recorded, ==, 22);
  settle (f);
  g_assert_cmpuint (ap_chart_data_get_n_recomputes (chart_data), ==, n + 2);
}

static gboolean
window_has_action (GtkWindow  *window,
                   const char *action)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (window);
  const char *name, *property;
  const GVariantType *type;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &type, &property); i++)
    if (g_str_equal (name, action))
      return TRUE;
  return FALSE;
}

/* In the application's window, Enter on a bar opens the Incidents page filtered to the
 * bar's category: Authentication Clean-up has 6 incidents in the sample. */
static void
test_app_window_opens_incidents (Fixture       *f,
                                 gconstpointer  data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                       AP_TYPE_WINDOW,
                                                                       "view_stack"));
  ApIncidentView *incidents =
    AP_INCIDENT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->window), AP_TYPE_WINDOW,
                                                     "incident_view"));
  const char *wanted = "Authentication Clean-up: 6 incidents";

  /* ApWindow installs it with the incident browser; without it a bar opens nothing. */
  if (!window_has_action (f->window, "win.show-category"))
    {
      g_test_incomplete ("ApWindow does not install win.show-category");
      return;
    }
  if (ap_test_keys_skip ())
    return;
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "charts");
  gtk_widget_grab_focus (GTK_WIDGET (canvas (f)));
  for (guint i = 0; i < 30 && !g_str_has_prefix (focus_text (f), wanted); i++)
    press_key (f, GDK_KEY_Down);
  g_assert_true (g_str_has_prefix (describe_focus (f), wanted));

  press_key (f, GDK_KEY_Return);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "incidents");
  ap_incident_view_refresh_now (incidents);
  g_assert_cmpuint (g_list_model_get_n_items (ap_incident_view_get_model (incidents)), ==, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display; skipping the chart view tests.\n");
      return 77;
    }
  adw_init ();
  ap_test_keys_init ();

#define ADD(name, func) \
  g_test_add ("/chart-view/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("keys-walk-bars", test_keys_walk_bars);
  ADD ("tall-chart-scrolls", test_tall_chart_scrolls);
  ADD ("enter-shows-category", test_enter_shows_category);
  ADD ("meeting-mode", test_meeting_mode);
  ADD ("recompute-when-shown", test_recompute_when_shown);
  g_test_add ("/chart-view/app-window-opens-incidents", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_app_window_opens_incidents, fixture_tear_down);
  return g_test_run ();
}
