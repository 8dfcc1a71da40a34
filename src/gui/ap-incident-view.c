/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-incident-csv.h"
#include "ap-incident-view-private.h"

/* The incident browser: a search field and filter popovers over a GtkColumnView of
 * the incidents the ApIncidentQuery finds, and a detail pane for the selected one.
 * Searching, filtering and sorting happen in the query; the list model holds only
 * ids, so the plan reads incidents only for the rows the column view builds (see
 * show_first_screen for how few). Any change to the plan's incidents or categories
 * re-runs the query. */

G_DEFINE_FINAL_TYPE (ApIncidentView, ap_incident_view, GTK_TYPE_WIDGET)

/* A row is at least this high, so that many rows fill the view. */
#define MIN_ROW_HEIGHT   24
/* How long the list shows only its first screen after a search or a new plan. */
#define REVEAL_DELAY_MS  250

static void schedule_refresh (ApIncidentView *self);
static void rebuild_filters (ApIncidentView *self);
static void update_filter_labels (ApIncidentView *self);

/* Says why nothing matches, naming the search text and each filter in force. */
static char *
describe_no_match (ApIncidentView *self)
{
  GString *why = g_string_new (NULL);
  const char *text = ap_incident_query_get_text (self->query);
  const char * const *statuses = ap_incident_query_get_statuses (self->query);
  const char *from = ap_incident_query_get_date_from (self->query);
  const char *to = ap_incident_query_get_date_to (self->query);
  guint n_cats;
  const gint64 *cats = ap_incident_query_get_categories (self->query, &n_cats);

  if (text != NULL && ap_incident_query_has_search (self->query))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      g_string_printf (why, _("No incidents match “%s”"), stripped);
    }
  else
    g_string_assign (why, _("No incidents match the filters"));
  for (guint i = 0; i < n_cats; i++)
    g_string_append_printf (why, i == 0 ? _(" in %s") : _(" or %s"), ap_incident_view_category_name (self, cats[i]));
  if (statuses != NULL)
    {
      g_autofree char *list = g_strjoinv (_(" or "), (char **) statuses);
      g_string_append_printf (why, _(" with status %s"), list);
    }
  if (ap_incident_query_get_team (self->query) != NULL)
    g_string_append_printf (why, _(" seen by %s"), ap_incident_query_get_team (self->query));
  if (from != NULL && to != NULL)
    g_string_append_printf (why, _(" between %s and %s"), from, to);
  else if (from != NULL)
    g_string_append_printf (why, _(" since %s"), from);
  else if (to != NULL)
    g_string_append_printf (why, _(" until %s"), to);
  return g_string_free (why, FALSE);
}

static void
update_state (ApIncidentView *self,
              guint           n_matches,
              guint           n_total)
{
  g_autofree char *why = NULL;
  gboolean filtered = ap_incident_query_has_search (self->query) ||
                      ap_incident_query_has_filters (self->query);

  g_free (self->match_text);
  if (!filtered)
    self->match_text = g_strdup_printf (ngettext ("%u incident", "%u incidents", n_total), n_total);
  else
    self->match_text = g_strdup_printf (ngettext ("%u of %u incident", "%u of %u incidents", n_total),
                                        n_matches, n_total);
  gtk_label_set_text (self->match_label, self->match_text);

  if (n_total == 0)
    gtk_stack_set_visible_child_name (self->stack, "none");
  else if (n_matches == 0)
    {
      why = describe_no_match (self);
      adw_status_page_set_title (self->empty_page, _("No Matching Incidents"));
      adw_status_page_set_description (self->empty_page, why);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

/* GTK 4.8's list views build a row for each of the first 200 items of their model,
 * on screen or not (later versions build only what the screen shows), and building
 * or destroying a row of seven cells costs about half a millisecond here. So when the list is replaced — a new plan, a keystroke in the
 * search, a filter or a sort — the column view is given only the rows that fit in
 * the window, and the rest once nothing has replaced the list for REVEAL_DELAY_MS or
 * as soon as the user scrolls or moves the selection there. Typing then builds one
 * screen of rows per keystroke instead of 200. */

/* Also the timeout's callback: removing a source while it runs is allowed. */
static void
reveal_all (gpointer data)
{
  ApIncidentView *self = data;

  g_clear_handle_id (&self->reveal_id, g_source_remove);
  gtk_slice_list_model_set_size (self->first_screen, G_MAXUINT);
}

/* The view is never higher than its window, which has a height before the view
 * itself is laid out. */
static void
show_first_screen (ApIncidentView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;
  guint rows = (height > 0 ? height : 1600) / MIN_ROW_HEIGHT + 1;

  if (gtk_slice_list_model_get_size (self->first_screen) > rows)
    gtk_slice_list_model_set_size (self->first_screen, rows);
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  self->reveal_id = g_timeout_add_once (REVEAL_DELAY_MS, reveal_all, self);
}

static void
on_vadjustment_value_changed_cb (GtkAdjustment  *adjustment,
                                 ApIncidentView *self)
{
  if (self->reveal_id != 0 && gtk_adjustment_get_value (adjustment) > 0)
    reveal_all (self);
}

/* Selects the list's @position, shown first if it is past the first screen. */
static void
select_position (ApIncidentView *self,
                 guint           position)
{
  if (position >= gtk_slice_list_model_get_size (self->first_screen))
    reveal_all (self);
  gtk_single_selection_set_selected (self->selection, position);
}

/* Re-runs the query and swaps the ids in, keeping the selected incident selected. */
void
ap_incident_view_refresh_now (ApIncidentView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 selected;
  guint position;

  g_return_if_fail (AP_IS_INCIDENT_VIEW (self));
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->plan == NULL)
    return;
  selected = ap_incident_view_get_selected (self);
  ids = ap_incident_query_run (self->query, ap_plan_get_store (self->plan), &error);
  if (ids == NULL)
    {
      g_warning ("Incident search failed: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  update_filter_labels (self);
  /* GtkSingleSelection looks for its selected item among all the items that replace
   * it, asking the model for each (which makes an incident object for each). With
   * nothing selected while the ids change, it looks at none; the incident is then
   * selected again by id. */
  self->refreshing = TRUE;
  if (selected != 0)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* An edit keeps the rows as they are; a new search, filter or sort replaces them. */
  if (self->query_changed && !ap_incident_list_has_ids (self->list, ids))
    show_first_screen (self);
  self->query_changed = FALSE;
  ap_incident_list_set_ids (self->list, ids);
  if (selected != 0 && ap_incident_list_find (self->list, selected, &position))
    select_position (self, position);
  self->refreshing = FALSE;
  update_state (self, ids->len,
                g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_incidents (self->plan))));
  ap_incident_view_detail_update (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  ApIncidentView *self = data;

  self->refresh_id = 0;
  ap_incident_view_refresh_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (ApIncidentView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

/* Filter popovers: their check buttons are rebuilt from the plan and reflect the
 * query; toggling one sets the query, which refreshes the list. */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
add_check (GtkBox     *box,
           const char *label,
           gboolean    active,
           GtkWidget  *group,
           GCallback   callback,
           gpointer    data)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  g_signal_connect_swapped (check, "toggled", callback, data);
  gtk_box_append (box, check);
  return check;
}

static void
on_category_toggled_cb (ApIncidentView *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->updating_filters)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->category_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      {
        gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (c), "id");
        g_array_append_val (ids, id);
      }
  ap_incident_query_set_categories (self->query, (gint64 *) ids->data, ids->len);
}

static void
on_status_toggled_cb (ApIncidentView *self)
{
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();

  if (self->updating_filters)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->status_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      g_ptr_array_add (statuses, g_object_get_data (G_OBJECT (c), "value"));
  g_ptr_array_add (statuses, NULL);
  ap_incident_query_set_statuses (self->query, (const char * const *) statuses->pdata);
}

static void
on_team_toggled_cb (ApIncidentView *self)
{
  if (self->updating_filters)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->team_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      ap_incident_query_set_team (self->query, g_object_get_data (G_OBJECT (c), "value"));
}

static gboolean
has_category (ApIncidentView *self,
              gint64          id)
{
  guint n;
  const gint64 *ids = ap_incident_query_get_categories (self->query, &n);

  for (guint i = 0; i < n; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

static void
fill_strings (ApIncidentView *self,
              GtkBox         *box,
              const char     *sql,
              gboolean        radio)
{
  sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (self->plan), sql, NULL);
  const char * const *statuses = ap_incident_query_get_statuses (self->query);
  const char *team = ap_incident_query_get_team (self->query);
  GtkWidget *group = NULL;

  if (radio)
    group = add_check (box, _("Any team"), team == NULL, NULL, G_CALLBACK (on_team_toggled_cb), self);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);
      gboolean active = radio ? g_strcmp0 (team, value) == 0
                              : statuses != NULL && g_strv_contains (statuses, value);
      GtkWidget *check = add_check (box, *value != '\0' ? value : _("(none)"), active, group,
                                    radio ? G_CALLBACK (on_team_toggled_cb) : G_CALLBACK (on_status_toggled_cb),
                                    self);
      g_object_set_data_full (G_OBJECT (check), "value", g_strdup (value), g_free);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
set_button_label (GtkMenuButton *button,
                  const char    *plain,
                  guint          n_active)
{
  g_autofree char *label = n_active > 0 ? g_strdup_printf ("%s (%u)", plain, n_active) : NULL;

  gtk_menu_button_set_label (button, label != NULL ? label : plain);
  if (n_active > 0)
    gtk_widget_add_css_class (GTK_WIDGET (button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "accent");
}

static void
rebuild_filters (ApIncidentView *self)
{
  GListModel *categories;

  if (self->plan == NULL)
    return;
  self->updating_filters = TRUE;
  clear_box (self->category_box);
  clear_box (self->status_box);
  clear_box (self->team_box);
  categories = G_LIST_MODEL (ap_plan_get_categories (self->plan));
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(ApCategory) category = g_list_model_get_item (categories, i);
      gint64 id = ap_object_get_id (AP_OBJECT (category));
      GtkWidget *check = add_check (self->category_box, ap_category_get_name (category),
                                    has_category (self, id), NULL,
                                    G_CALLBACK (on_category_toggled_cb), self);
      g_object_set_data_full (G_OBJECT (check), "id", g_memdup2 (&id, sizeof id), g_free);
    }
  fill_strings (self, self->status_box, "SELECT DISTINCT status FROM incident ORDER BY status COLLATE NOCASE", FALSE);
  fill_strings (self, self->team_box,
                "SELECT DISTINCT team FROM anecdote WHERE team <> '' ORDER BY team COLLATE NOCASE", TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), ap_incident_query_get_date_from (self->query) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), ap_incident_query_get_date_to (self->query) ?: "");
  self->updating_filters = FALSE;
  self->filters_dirty = FALSE;
}

static void
update_filter_labels (ApIncidentView *self)
{
  const char * const *statuses = ap_incident_query_get_statuses (self->query);
  guint n_cats;

  ap_incident_query_get_categories (self->query, &n_cats);
  set_button_label (self->category_button, _("Category"), n_cats);
  set_button_label (self->status_button, _("Status"), statuses != NULL ? g_strv_length ((char **) statuses) : 0);
  set_button_label (self->team_button, _("Team"), ap_incident_query_get_team (self->query) != NULL);
  set_button_label (self->dates_button, _("Dates"),
                    (ap_incident_query_get_date_from (self->query) != NULL) +
                    (ap_incident_query_get_date_to (self->query) != NULL));
}

/* Template callbacks. */

static void
on_search_changed_cb (ApIncidentView *self)
{
  ap_incident_query_set_text (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  /* Typing should feel immediate: run now rather than on idle. */
  ap_incident_view_refresh_now (self);
}

static const char *
valid_date_or_null (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (*text == '\0' || ap_is_anecdote_date (text))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return *text != '\0' ? text : NULL;
    }
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return NULL;
}

static void
on_date_entry_changed_cb (ApIncidentView *self)
{
  const char *from, *to;

  if (self->updating_filters)
    return;
  from = valid_date_or_null (self->from_entry);
  to = valid_date_or_null (self->to_entry);
  ap_incident_query_set_date_range (self->query, from, to);
}

static void
on_date_icon_press_cb (GtkEntry             *entry,
                       GtkEntryIconPosition  position,
                       gpointer              data)
{
  ap_incident_editor_attach_calendar (entry);
}

/* The popovers' choices (every status and team in the plan) cost a scan of all
 * incidents and anecdotes: they are read when a popover opens, not with the list. */
static void
on_filter_popover_show_cb (ApIncidentView *self)
{
  if (self->filters_dirty)
    rebuild_filters (self);
}

static void
on_query_changed_cb (ApIncidentView *self)
{
  self->query_changed = TRUE;
  schedule_refresh (self);
}

static void
on_plan_data_changed_cb (ApIncidentView *self)
{
  self->filters_dirty = TRUE;
  schedule_refresh (self);
}

static void
on_selection_changed_cb (ApIncidentView *self)
{
  if (!self->refreshing)
    ap_incident_view_detail_update (self);
}

/* Actions. */

static void
add_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  ap_incident_editor_edit_incident (AP_INCIDENT_VIEW (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  ApIncidentView *self = AP_INCIDENT_VIEW (widget);

  if (ap_incident_view_get_selected (self) != 0)
    ap_incident_editor_edit_incident (self, ap_incident_view_get_selected (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  ApIncidentView *self = AP_INCIDENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = ap_incident_view_get_selected (self);
  ApIncident *incident;
  g_autofree char *message = NULL;

  if (id == 0 || self->plan == NULL)
    return;
  incident = ap_row_list_lookup (ap_plan_get_incidents (self->plan), id);
  message = g_strdup_printf (_("Deleted “%s”"), incident != NULL ? ap_incident_get_title (incident) : "");
  if (!ap_plan_delete_incident (self->plan, id, &error))
    ap_incident_view_show_error (self, error);
  else
    ap_incident_view_deleted_toast (self, message);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  ApIncidentView *self = AP_INCIDENT_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ap_incident_query_set_text (self->query, NULL);
  ap_incident_query_clear_filters (self->query);
  self->filters_dirty = TRUE;
  ap_incident_view_refresh_now (self);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  ap_incident_view_focus_search (AP_INCIDENT_VIEW (widget));
}

static void
manage_categories_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  ap_incident_editor_manage_categories (AP_INCIDENT_VIEW (widget));
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       ApIncidentView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (ap_incident_view_export_csv (self, path, &error))
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *title = g_strdup_printf (_("Exported to %s"), base);
          ap_incident_view_add_toast (self, adw_toast_new (title));
        }
      else
        ap_incident_view_show_error (self, error);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Incidents as CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("incidents.csv"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
disconnect_plan (ApIncidentView *self)
{
  if (self->plan == NULL)
    return;
  g_signal_handlers_disconnect_by_data (ap_plan_get_incidents (self->plan), self);
  g_signal_handlers_disconnect_by_data (ap_plan_get_categories (self->plan), self);
  g_clear_object (&self->plan);
}

static void
ap_incident_view_dispose (GObject *object)
{
  ApIncidentView *self = AP_INCIDENT_VIEW (object);

  /* Columns leaving the column view change its sorter: that is no user's choice. */
  self->updating_sort = TRUE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  disconnect_plan (self);
  if (self->query != NULL)
    g_signal_handlers_disconnect_by_data (self->query, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AP_TYPE_INCIDENT_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->first_screen);
  g_clear_object (&self->list);
  g_clear_object (&self->query);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ap_incident_view_parent_class)->dispose (object);
}

static void
ap_incident_view_finalize (GObject *object)
{
  ApIncidentView *self = AP_INCIDENT_VIEW (object);

  g_free (self->match_text);
  G_OBJECT_CLASS (ap_incident_view_parent_class)->finalize (object);
}

static void
ap_incident_view_class_init (ApIncidentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const columns[] = {
    "issue_column", "category_column", "occurrences_column", "anecdotes_column",
    "last_seen_column", "status_column", "tickets_column",
  };

  object_class->dispose = ap_incident_view_dispose;
  object_class->finalize = ap_incident_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/archplan/Archplan/ap-incident-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, category_button);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, status_button);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, team_button);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, dates_button);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, category_box);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, status_box);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, team_box);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, match_label);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, stack);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ApIncidentView, detail_box);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    gtk_widget_class_bind_template_child_full (widget_class, columns[c], FALSE,
                                               G_STRUCT_OFFSET (ApIncidentView, columns) + c * sizeof (gpointer));
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_icon_press_cb);

  gtk_widget_class_install_action (widget_class, "incidents.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "incidents.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "incidents.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "incidents.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "incidents.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "incidents.manage-categories", NULL, manage_categories_action);
  gtk_widget_class_install_action (widget_class, "incidents.export-csv", NULL, export_csv_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "incidents.delete", NULL);
}

static void
ap_incident_view_init (ApIncidentView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Ctrl+F goes to the search and Ctrl+Shift+A adds an incident wherever the focus is in
   * the window (the view switcher, the header bar) while the Incidents page is shown, not
   * only from inside the view: a managed shortcut is run by the window, and GTK skips it
   * while this view is not mapped, i.e. while the Roadmap page, whose find and new card
   * take these keys then, is shown. (Not Ctrl+N: the application's New Plan has it.) */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("incidents.focus-search")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("incidents.add")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  self->settings = g_settings_new (APP_ID);
  self->query = ap_incident_query_new ();
  self->sorted_column = -1;
  g_signal_connect_swapped (self->query, "changed", G_CALLBACK (on_query_changed_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  {
    GtkMenuButton *buttons[] = { self->category_button, self->status_button, self->team_button,
                                 self->dates_button };
    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      g_signal_connect_swapped (gtk_menu_button_get_popover (buttons[i]), "show",
                                G_CALLBACK (on_filter_popover_show_cb), self);
  }
  ap_incident_view_setup_columns (self);
  ap_incident_view_restore_sort (self);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                           "value-changed", G_CALLBACK (on_vadjustment_value_changed_cb), self, 0);
}

GtkWidget *
ap_incident_view_new (void)
{
  return g_object_new (AP_TYPE_INCIDENT_VIEW, NULL);
}

void
ap_incident_view_set_plan (ApIncidentView *self,
                           ApPlan         *plan)
{
  g_return_if_fail (AP_IS_INCIDENT_VIEW (self));
  g_return_if_fail (plan == NULL || AP_IS_PLAN (plan));

  if (self->plan == plan)
    return;
  disconnect_plan (self);
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->first_screen);
  g_clear_object (&self->list);
  if (plan == NULL)
    return;
  self->plan = g_object_ref (plan);
  self->list = ap_incident_list_new (ap_plan_get_incidents (plan));
  self->first_screen = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->list)), 0, G_MAXUINT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_screen)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (ap_plan_get_incidents (plan), "items-changed", G_CALLBACK (on_plan_data_changed_cb), self);
  g_signal_connect_swapped (ap_plan_get_categories (plan), "items-changed", G_CALLBACK (on_plan_data_changed_cb), self);
  self->filters_dirty = TRUE;
  self->query_changed = TRUE;
  ap_incident_view_refresh_now (self);
}

ApIncidentQuery *
ap_incident_view_get_query (ApIncidentView *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), NULL);
  return self->query;
}

GListModel *
ap_incident_view_get_model (ApIncidentView *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), NULL);
  return G_LIST_MODEL (self->list);
}

GtkEditable *
ap_incident_view_get_search_entry (ApIncidentView *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

const char *
ap_incident_view_get_match_text (ApIncidentView *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), NULL);
  return self->match_text;
}

const char *
ap_incident_view_get_visible_page (ApIncidentView *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
ap_incident_view_get_empty_description (ApIncidentView *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), NULL);
  return adw_status_page_get_description (self->empty_page);
}

/* Shows only the incidents of one category (as the charts ask), search kept. */
void
ap_incident_view_set_category_filter (ApIncidentView *self,
                                      gint64          category_id)
{
  g_return_if_fail (AP_IS_INCIDENT_VIEW (self));
  ap_incident_query_set_categories (self->query, &category_id, category_id != 0 ? 1 : 0);
  self->filters_dirty = TRUE;
  ap_incident_view_refresh_now (self);
}

gboolean
ap_incident_view_select_incident (ApIncidentView *self,
                                  gint64          incident_id)
{
  guint position;

  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), FALSE);
  if (self->list == NULL || !ap_incident_list_find (self->list, incident_id, &position))
    return FALSE;
  select_position (self, position);
  ap_incident_view_detail_update (self);
  return TRUE;
}

gint64
ap_incident_view_get_selected (ApIncidentView *self)
{
  guint position;

  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), 0);
  if (self->selection == NULL)
    return 0;
  position = gtk_single_selection_get_selected (self->selection);
  return position == GTK_INVALID_LIST_POSITION ? 0 : ap_incident_list_get_id (self->list, position);
}

guint
ap_incident_view_get_n_detail_anecdotes (ApIncidentView *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), 0);
  return self->n_detail_anecdotes;
}

/* Exports what the list shows, in its order. */
gboolean
ap_incident_view_export_csv (ApIncidentView  *self,
                             const char      *path,
                             GError         **error)
{
  GArray *ids;

  g_return_val_if_fail (AP_IS_INCIDENT_VIEW (self), FALSE);
  g_return_val_if_fail (self->plan != NULL, FALSE);
  ids = ap_incident_list_get_ids (self->list);
  return ap_incident_csv_write (self->plan, (const gint64 *) ids->data, ids->len, path, error);
}

void
ap_incident_view_focus_search (ApIncidentView *self)
{
  g_return_if_fail (AP_IS_INCIDENT_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
