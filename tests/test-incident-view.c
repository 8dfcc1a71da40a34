/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ap-incident-view.h"
#include "ap-plan-properties.h"

/* The incident browser on the sample plan, driven as a user would: typing a search,
 * filtering by category, reading the empty state, opening an incident's detail.
 * Needs a display: exits 77 ("skipped") without one. */

typedef struct
{
  char           *dir;
  char           *path;
  ApPlan         *plan;
  GtkWidget      *window;
  ApIncidentView *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean sample = GPOINTER_TO_INT (data);

  f->dir = g_dir_make_tmp ("ap-incident-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "plan.archplan", NULL);
  f->plan = ap_plan_open (f->path, AP_PLAN_OPEN_CREATE | (sample ? AP_PLAN_OPEN_SAMPLE : 0), &error);
  g_assert_no_error (error);
  f->view = g_object_ref_sink (AP_INCIDENT_VIEW (ap_incident_view_new ()));
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 700);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  ap_incident_view_set_plan (f->view, f->plan);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->plan);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the match label reads @expected (search-changed fires
 * after GtkSearchEntry's typing delay) or two seconds pass. */
static void
wait_for_match (Fixture    *f,
                const char *expected)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (2000, on_timeout_cb, &timed_out);

  while (!timed_out && g_strcmp0 (ap_incident_view_get_match_text (f->view), expected) != 0)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_cmpstr (ap_incident_view_get_match_text (f->view), ==, expected);
}

static gint64
sql_id (ApPlan     *plan,
        const char *sql,
        const char *arg)
{
  sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (plan), sql, NULL);
  gint64 id = 0;

  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The first widget of @type in @widget (itself included) and, with @text, a label
 * showing it. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (text == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkColumnView *
find_column_view (GtkWidget *widget)
{
  return GTK_COLUMN_VIEW (find_widget (widget, GTK_TYPE_COLUMN_VIEW, NULL));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GListModel *model = ap_incident_view_get_model (f->view);

  g_assert_cmpstr (ap_incident_view_get_match_text (f->view), ==, "12 incidents");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 12);
  g_assert_cmpstr (ap_incident_view_get_visible_page (f->view), ==, "list");

  gtk_editable_set_text (ap_incident_view_get_search_entry (f->view), "cookie");
  wait_for_match (f, "2 of 12 incidents");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ApIncident) incident = g_list_model_get_item (model, i);
      g_assert_nonnull (strstr (ap_incident_get_title (incident), "Cookie"));
    }

  /* FTS5 syntax typed by a user is plain text, never an error. */
  gtk_editable_set_text (ap_incident_view_get_search_entry (f->view), "(cookie*");
  wait_for_match (f, "2 of 12 incidents");
  gtk_editable_set_text (ap_incident_view_get_search_entry (f->view), "\"cookie\" OR");
  wait_for_match (f, "0 of 12 incidents");
  gtk_editable_set_text (ap_incident_view_get_search_entry (f->view), "DOS-701");
  wait_for_match (f, "1 of 12 incidents");
  gtk_editable_set_text (ap_incident_view_get_search_entry (f->view), "");
  wait_for_match (f, "12 incidents");
}

static void
test_category_filter_and_empty_state (Fixture       *f,
                                      gconstpointer  data)
{
  gint64 auth = sql_id (f->plan, "SELECT id FROM pain_category WHERE name = ?", "Authentication Clean-up");

  ap_incident_view_set_category_filter (f->view, auth);
  g_assert_cmpstr (ap_incident_view_get_match_text (f->view), ==, "6 of 12 incidents");
  gtk_editable_set_text (ap_incident_view_get_search_entry (f->view), "xyz");
  wait_for_match (f, "0 of 12 incidents");
  g_assert_cmpstr (ap_incident_view_get_visible_page (f->view), ==, "empty");
  g_assert_cmpstr (ap_incident_view_get_empty_description (f->view), ==,
                   "No incidents match “xyz” in Authentication Clean-up");

  /* The empty state's button clears the search and the filters. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "incidents.clear-filters", NULL));
  g_assert_cmpstr (ap_incident_view_get_match_text (f->view), ==, "12 incidents");
  g_assert_cmpstr (ap_incident_view_get_visible_page (f->view), ==, "list");
  g_assert_cmpstr (gtk_editable_get_text (ap_incident_view_get_search_entry (f->view)), ==, "");
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = sql_id (f->plan, "SELECT id FROM incident WHERE uid = ?", "inc-jwt-issuer-config");
  g_autoptr(GError) error = NULL;
  ApAnecdoteFields anecdote = { .date = "2022-01-02", .team = "Ops", .text = "Again" };

  g_assert_cmpint (ap_incident_view_get_selected (f->view), ==, 0);
  g_assert_true (ap_incident_view_select_incident (f->view, id));
  g_assert_cmpint (ap_incident_view_get_selected (f->view), ==, id);
  g_assert_cmpuint (ap_incident_view_get_n_detail_anecdotes (f->view), ==, 3);

  /* A command refreshes the detail, through the plan's models. */
  g_assert_cmpint (ap_plan_add_anecdote (f->plan, id, &anecdote, &error), >, 0);
  ap_incident_view_refresh_now (f->view);
  g_assert_cmpuint (ap_incident_view_get_n_detail_anecdotes (f->view), ==, 4);
  g_assert_true (ap_plan_undo (f->plan, &error));
  ap_incident_view_refresh_now (f->view);
  g_assert_cmpuint (ap_incident_view_get_n_detail_anecdotes (f->view), ==, 3);

  /* Deleting from the view is undoable. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "incidents.delete", NULL));
  ap_incident_view_refresh_now (f->view);
  g_assert_cmpstr (ap_incident_view_get_match_text (f->view), ==, "11 incidents");
  g_assert_true (ap_plan_undo (f->plan, &error));
  ap_incident_view_refresh_now (f->view);
  g_assert_cmpstr (ap_incident_view_get_match_text (f->view), ==, "12 incidents");
}

static void
test_sort_and_export (Fixture       *f,
                      gconstpointer  data)
{
  ApIncidentQuery *query = ap_incident_view_get_query (f->view);
  g_autofree char *csv_path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean descending;

  /* The schema's default: last seen, newest first. */
  g_assert_cmpint (ap_incident_query_get_sort (query, &descending), ==, AP_INCIDENT_SORT_LAST_SEEN);
  g_assert_true (descending);
  g_assert_true (ap_incident_view_export_csv (f->view, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 14);
  /* Newest anecdote in the sample: 2021-08 (JWT issuer config). */
  g_assert_true (g_str_has_prefix (lines[1], "Messy JWT related"));
  g_unlink (csv_path);
}

/* The editing windows open on the real plan without a critical, and close again. */
static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = sql_id (f->plan, "SELECT id FROM incident WHERE uid = ?", "inc-jenkins-networking");
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_before = g_list_model_get_n_items (toplevels);

  g_assert_true (ap_incident_view_select_incident (f->view, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "incidents.add", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "incidents.edit", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "incidents.manage-categories", NULL));
  ap_plan_properties_present (GTK_WINDOW (f->window), f->plan);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_before + 4);
  while (g_list_model_get_n_items (toplevels) > n_before)
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
        if (GTK_WIDGET (window) != f->window)
          {
            gtk_window_destroy (window);
            break;
          }
      }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* With more incidents than fit in the window, a new search gives the column view
 * only its first screen of rows, and the rest shortly after or as soon as an incident
 * past it is selected; the view's own model always holds every match. */
static void
test_first_screen (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = ap_incident_view_get_model (f->view);
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (find_column_view (GTK_WIDGET (f->view))));
  ApIncidentFields fields = { .category_id = sql_id (f->plan, "SELECT id FROM pain_category WHERE name = ?",
                                                     "Authentication Clean-up"),
                              .description = "Generated", .occurrences = 1, .status = "Open" };
  gint64 first = 0, id;
  gboolean timed_out = FALSE;
  guint timeout;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bulk outage %u", i);
      fields.title = title;
      id = ap_plan_add_incident (f->plan, &fields, &error);
      g_assert_no_error (error);
      first = first != 0 ? first : id;
    }
  gtk_editable_set_text (ap_incident_view_get_search_entry (f->view), "bulk");
  wait_for_match (f, "300 of 312 incidents");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 300);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 700 / 24);

  /* Selecting an incident past the first screen shows the rest at once. The oldest
   * comes last: none has anecdotes, and the ids break the tie, newest first. */
  g_assert_true (ap_incident_view_select_incident (f->view, first));
  g_assert_cmpint (ap_incident_view_get_selected (f->view), ==, first);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 300);

  /* Otherwise the rest follows once the list has stopped changing. */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (shown));
  gtk_editable_set_text (ap_incident_view_get_search_entry (f->view), "bulk 1");
  wait_for_match (f, "111 of 312 incidents"); /* 1, 10–19, 100–199 */
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 111);
  timeout = g_timeout_add (2000, on_timeout_cb, &timed_out);
  while (!timed_out && g_list_model_get_n_items (shown) < 111)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 111);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 111);

  /* A keystroke that finds the same incidents leaves the rows alone. (Not through
   * the entry: replacing its text searches for "" first.) */
  ap_incident_query_set_text (ap_incident_view_get_query (f->view), "Bulk 1");
  ap_incident_view_refresh_now (f->view);
  g_assert_cmpstr (ap_incident_view_get_match_text (f->view), ==, "111 of 312 incidents");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 111);
}

/* The column headers, in order: GtkColumnViewTitle is GTK's own, without a public
 * type macro. */
static void
collect_titles (GtkWidget *widget,
                GPtrArray *titles)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, g_type_from_name ("GtkColumnViewTitle")))
    g_ptr_array_add (titles, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_titles (c, titles);
}

/* At 1400×900 every column of the list shows beside the detail pane without scrolling
 * sideways: the fixed columns fit their content (the tickets column shows the first
 * key and how many more), the issue takes the rest and is the widest, and the detail
 * pane keeps its width whichever incident it shows, so the columns do not move under
 * the pointer. */
static void
test_columns_fit (Fixture       *f,
                  gconstpointer  data)
{
  GtkColumnView *columns = find_column_view (GTK_WIDGET (f->view));
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (columns));
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GListModel *incidents = G_LIST_MODEL (ap_plan_get_incidents (f->plan));
  GtkLabel *tickets;
  int width;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  for (guint i = 0; i < 10 && gtk_widget_get_width (GTK_WIDGET (f->view)) != 1400; i++)
    gtk_test_widget_wait_for_draw (f->window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), ==, 1400);

  width = gtk_widget_get_width (GTK_WIDGET (columns));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment));
  collect_titles (GTK_WIDGET (columns), titles);
  g_assert_cmpuint (titles->len, ==, 7);
  for (guint i = 0; i < titles->len; i++)
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (titles->pdata[i], GTK_WIDGET (columns), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
      if (i > 0)
        g_assert_cmpint (gtk_widget_get_width (titles->pdata[0]), >, gtk_widget_get_width (titles->pdata[i]));
    }
  tickets = GTK_LABEL (find_widget (GTK_WIDGET (columns), GTK_TYPE_LABEL, "ARCHBOM-107 +1"));
  g_assert_nonnull (tickets);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (tickets)));

  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(ApIncident) incident = g_list_model_get_item (incidents, i);

      g_assert_true (ap_incident_view_select_incident (f->view, ap_object_get_id (AP_OBJECT (incident))));
      gtk_test_widget_wait_for_draw (f->window);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (columns)), ==, width);
    }
}

static void
test_no_incidents (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpstr (ap_incident_view_get_visible_page (f->view), ==, "none");
  g_assert_cmpstr (ap_incident_view_get_match_text (f->view), ==, "0 incidents");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipped\n");
      return 77;
    }
  adw_init ();

#define ADD(name, sample, func) \
  g_test_add ("/incident-view/" name, Fixture, GINT_TO_POINTER (sample), fixture_set_up, func, fixture_tear_down)
  ADD ("search", TRUE, test_search);
  ADD ("category-filter-empty-state", TRUE, test_category_filter_and_empty_state);
  ADD ("detail", TRUE, test_detail);
  ADD ("sort-export", TRUE, test_sort_and_export);
  ADD ("dialogs", TRUE, test_dialogs);
  ADD ("first-screen", TRUE, test_first_screen);
  ADD ("columns-fit", TRUE, test_columns_fit);
  ADD ("no-incidents", FALSE, test_no_incidents);
#undef ADD

  return g_test_run ();
}
