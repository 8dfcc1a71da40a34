/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-window-private.h"

/* The three interim views of a plan, each a GtkColumnView over one of the plan's
 * lists: the incidents and the pain
 * categories with figures computed from the incidents. The views never patch
 * themselves: rows are bound from the objects, and every change arrives as the lists'
 * items-changed or the objects' notify. Names looked up in other lists (a card's
 * period, an incident's category) are re-bound when those lists change. */

typedef char *(*FormatFunc) (ApWindow *self,
                             gpointer  item);

typedef enum
{
  CELL_TEXT     = 0,
  CELL_NUMERIC  = 1 << 0, /* right-aligned, tabular figures */
  CELL_DIM      = 1 << 1, /* secondary information */
  CELL_TOOLTIP  = 1 << 2, /* long text: the full text as tooltip where it is cut short */
  CELL_MARKUP   = 1 << 3, /* the format function returns Pango markup */
  CELL_GROUP    = 1 << 4, /* shown only where it differs from the row above */
} CellFlags;

typedef struct
{
  ApWindow   *self;
  FormatFunc  format;
  CellFlags   flags;
} CellSpec;

typedef const char *(*StringGetter) (gconstpointer item);

/* Placeholder for unknown values, e.g. an incident's unknown number of occurrences. */
#define UNKNOWN_VALUE "—"

/* Cells. */

static void
update_cell (GtkListItem *list_item)
{
  CellSpec *spec = g_object_get_data (G_OBJECT (list_item), "ap-cell-spec");
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = item != NULL ? spec->format (spec->self, item) : NULL;

  if (spec->flags & CELL_MARKUP)
    gtk_label_set_markup (label, text != NULL ? text : "");
  else
    gtk_label_set_text (label, text != NULL ? text : "");
}

/* Long text gets its whole self as tooltip, but only where the column cut it short. */
static gboolean
on_cell_query_tooltip_cb (GtkLabel   *label,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  if (gtk_label_get_use_markup (label))
    gtk_tooltip_set_markup (tooltip, gtk_label_get_label (label));
  else
    gtk_tooltip_set_text (tooltip, gtk_label_get_label (label));
  return TRUE;
}

static void
on_item_notify_cb (GObject     *item,
                   GParamSpec  *pspec,
                   GtkListItem *list_item)
{
  update_cell (list_item);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CellSpec                 *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), (spec->flags & CELL_NUMERIC) ? 1.0 : 0.0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (spec->flags & CELL_NUMERIC)
    gtk_widget_add_css_class (label, "numeric");
  if (spec->flags & CELL_DIM)
    gtk_widget_add_css_class (label, "dim-label");
  if (spec->flags & CELL_GROUP)
    gtk_widget_add_css_class (label, "heading");
  if (spec->flags & CELL_TOOLTIP)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
    }
  g_object_set_data (G_OBJECT (list_item), "ap-cell-spec", spec);
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CellSpec                 *spec)
{
  GObject *item = gtk_list_item_get_item (list_item);

  update_cell (list_item);
  /* Objects notify exactly the properties a command changed; following them keeps a
   * row right even when its list reports no change. */
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify_cb), list_item, 0);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CellSpec                 *spec)
{
  GObject *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_notify_cb, list_item);
}

static void
set_cell_factory (ApWindow            *self,
                  GtkColumnViewColumn *column,
                  FormatFunc           format,
                  CellFlags            flags)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  CellSpec *spec = g_new0 (CellSpec, 1);

  /* The window owns the columns, so the spec may point at it without a reference. */
  spec->self = self;
  spec->format = format;
  spec->flags = flags;
  g_signal_connect_data (factory, "setup", G_CALLBACK (on_cell_setup_cb), spec,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), spec);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), spec);
  gtk_column_view_column_set_factory (column, factory);
}

/* GTK 4.8 has no call to re-bind the visible rows; swapping the factory out and back
 * in does it, and costs only the rows on screen. */
static void
rebind_column (GtkColumnViewColumn *column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_column_view_column_get_factory (column);

  g_object_ref (factory);
  gtk_column_view_column_set_factory (column, NULL);
  gtk_column_view_column_set_factory (column, factory);
}

/* Lookups. */

static gpointer
lookup (ApWindow  *self,
        ApRowList *(*get_list) (ApPlan *),
        gint64     id)
{
  if (self->plan == NULL || id == 0)
    return NULL;
  return ap_row_list_lookup (get_list (self->plan), id);
}

static char *
dup_or_unknown (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : UNKNOWN_VALUE);
}

static char *
format_count (gint64 value)
{
  return value < 0 ? g_strdup (UNKNOWN_VALUE) : g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* Marks a name with a dot in its colour (a stage's, a category's), as the canvas and
 * the charts will draw them. */
static char *
markup_with_color (const char *color,
                   const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);
  GdkRGBA rgba;

  if (color == NULL || *escaped == '\0' || !gdk_rgba_parse (&rgba, color))
    return g_steal_pointer (&escaped);
  /* Pango takes only #rrggbb or names; GdkRGBA also reads rgb() and friends. */
  return g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">●</span> %s",
                          (guint) (rgba.red * 255 + 0.5), (guint) (rgba.green * 255 + 0.5),
                          (guint) (rgba.blue * 255 + 0.5), escaped);
}

/* Outline cells. */

/* Incident cells. */

static char *
format_incident_title (ApWindow *self,
                       gpointer  item)
{
  return g_strdup (ap_incident_get_title (item));
}

static const char *
get_incident_category_name (ApWindow   *self,
                            ApIncident *incident)
{
  ApCategory *category = lookup (self, ap_plan_get_categories,
                                 ap_incident_get_category_id (incident));

  return category != NULL ? ap_category_get_name (category) : NULL;
}

static char *
format_incident_category (ApWindow *self,
                          gpointer  item)
{
  ApCategory *category = lookup (self, ap_plan_get_categories,
                                 ap_incident_get_category_id (item));

  if (category == NULL)
    return g_strdup (UNKNOWN_VALUE);
  return markup_with_color (ap_category_get_color (category), ap_category_get_name (category));
}

static char *
format_incident_occurrences (ApWindow *self,
                             gpointer  item)
{
  return format_count (ap_incident_get_occurrences (item));
}

static char *
format_incident_anecdotes (ApWindow *self,
                           gpointer  item)
{
  return format_count (ap_incident_get_n_anecdotes (item));
}

static char *
format_incident_last_seen (ApWindow *self,
                           gpointer  item)
{
  return dup_or_unknown (ap_incident_get_last_seen (item));
}

static char *
format_incident_status (ApWindow *self,
                        gpointer  item)
{
  return g_strdup (ap_incident_get_status (item));
}

static char *
format_incident_tickets (ApWindow *self,
                         gpointer  item)
{
  return g_strdup (ap_incident_get_tickets (item));
}

/* Sorting. */

static int
compare_strings (const char *a,
                 const char *b)
{
  return g_utf8_collate (a != NULL ? a : "", b != NULL ? b : "");
}

static int
compare_by_getter (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  StringGetter get = *(const StringGetter *) user_data;

  return compare_strings (get (a), get (b));
}

static int
compare_incident_categories (gconstpointer a,
                             gconstpointer b,
                             gpointer      user_data)
{
  ApWindow *self = user_data;

  return compare_strings (get_incident_category_name (self, (ApIncident *) a),
                          get_incident_category_name (self, (ApIncident *) b));
}

/* Typed getters cannot be cast to StringGetter without -Wcast-function-type noise. */
static const char *
get_incident_title (gconstpointer item)
{
  return ap_incident_get_title ((ApIncident *) item);
}

static const char *
get_incident_last_seen (gconstpointer item)
{
  return ap_incident_get_last_seen ((ApIncident *) item);
}

static const char *
get_incident_status (gconstpointer item)
{
  return ap_incident_get_status ((ApIncident *) item);
}

static const char *
get_incident_tickets (gconstpointer item)
{
  return ap_incident_get_tickets ((ApIncident *) item);
}

static GtkSorter *
new_string_sorter (const StringGetter *getter)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare_by_getter, (gpointer) getter, NULL));
}

static GtkSorter *
new_numeric_sorter (GType       type,
                    const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (type, NULL, property)));
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   GtkSorter           *sorter)
{
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

/* Sorts by the column the user chose, then in the plan's own order. */
static GtkSortListModel *
new_sorted_model (GtkColumnView *view,
                  GType          item_type)
{
  GtkMultiSorter *sorter = gtk_multi_sorter_new ();

  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (view)));
  gtk_multi_sorter_append (sorter, new_numeric_sorter (item_type, "position"));
  return gtk_sort_list_model_new (NULL, GTK_SORTER (sorter));
}

/* Totals and refresh. */

static gboolean
refresh_cb (gpointer user_data)
{
  ApWindow *self = user_data;

  self->refresh_id = 0;

  rebind_column (self->incidents_category_column);
  return G_SOURCE_REMOVE;
}

/* A command changes several lists at once (an import reloads all of them); one idle
 * refresh after it is enough. It runs before GTK lays out and paints the next frame,
 * so no frame shows rows bound to the old names. */
static void
on_lookup_items_changed_cb (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            ApWindow   *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
update_stack (GListModel *model,
              GtkStack   *stack)
{
  gtk_stack_set_visible_child_name (stack, g_list_model_get_n_items (model) > 0 ? "list" : "empty");
}

static void
on_view_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GtkStack   *stack)
{
  update_stack (model, stack);
}

/* Deleting a card. */

/* Set-up. */

static void
init_incidents (ApWindow *self)
{
  static const StringGetter title = get_incident_title;
  static const StringGetter last_seen = get_incident_last_seen;
  static const StringGetter status = get_incident_status;
  static const StringGetter tickets = get_incident_tickets;
  GtkSingleSelection *selection;

  set_cell_factory (self, self->incidents_issue_column, format_incident_title, CELL_TOOLTIP);
  set_cell_factory (self, self->incidents_category_column, format_incident_category,
                    CELL_MARKUP | CELL_TOOLTIP);
  set_cell_factory (self, self->incidents_occurrences_column, format_incident_occurrences,
                    CELL_NUMERIC);
  set_cell_factory (self, self->incidents_anecdotes_column, format_incident_anecdotes,
                    CELL_NUMERIC);
  set_cell_factory (self, self->incidents_last_seen_column, format_incident_last_seen,
                    CELL_NUMERIC);
  set_cell_factory (self, self->incidents_status_column, format_incident_status, CELL_TOOLTIP);
  set_cell_factory (self, self->incidents_tickets_column, format_incident_tickets,
                    CELL_DIM | CELL_TOOLTIP);

  set_column_sorter (self->incidents_issue_column, new_string_sorter (&title));
  set_column_sorter (self->incidents_category_column,
                     GTK_SORTER (gtk_custom_sorter_new (compare_incident_categories, self, NULL)));
  set_column_sorter (self->incidents_occurrences_column,
                     new_numeric_sorter (AP_TYPE_INCIDENT, "occurrences"));
  set_column_sorter (self->incidents_anecdotes_column,
                     new_numeric_sorter (AP_TYPE_INCIDENT, "n-anecdotes"));
  set_column_sorter (self->incidents_last_seen_column, new_string_sorter (&last_seen));
  set_column_sorter (self->incidents_status_column, new_string_sorter (&status));
  set_column_sorter (self->incidents_tickets_column, new_string_sorter (&tickets));

  self->incidents_model = new_sorted_model (self->incidents_view, AP_TYPE_INCIDENT);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->incidents_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->incidents_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect_object (self->incidents_model, "items-changed",
                           G_CALLBACK (on_view_items_changed_cb), self->incidents_stack, 0);
}

/* The initial order of the incidents comes from the settings; GTK 4.8 cannot tell
 * which column the user sorts by later, so the incident browser saves it. */
static void
apply_incident_sort (ApWindow *self)
{
  static const struct {
    const char *key;
    gsize       offset;
  } columns[] = {
    { "issue", G_STRUCT_OFFSET (ApWindow, incidents_issue_column) },
    { "title", G_STRUCT_OFFSET (ApWindow, incidents_issue_column) },
    { "category", G_STRUCT_OFFSET (ApWindow, incidents_category_column) },
    { "occurrences", G_STRUCT_OFFSET (ApWindow, incidents_occurrences_column) },
    { "anecdotes", G_STRUCT_OFFSET (ApWindow, incidents_anecdotes_column) },
    { "last-seen", G_STRUCT_OFFSET (ApWindow, incidents_last_seen_column) },
    { "status", G_STRUCT_OFFSET (ApWindow, incidents_status_column) },
    { "tickets", G_STRUCT_OFFSET (ApWindow, incidents_tickets_column) },
  };
  g_autofree char *key = g_settings_get_string (self->settings, "incident-sort-column");
  gboolean descending = g_settings_get_boolean (self->settings, "incident-sort-descending");

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].key, key))
      {
        GtkColumnViewColumn *column = G_STRUCT_MEMBER (GtkColumnViewColumn *, self,
                                                       columns[i].offset);

        gtk_column_view_sort_by_column (self->incidents_view, column,
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        return;
      }
}

void
ap_window_views_class_init (GtkWidgetClass *widget_class)
{
  /* The Roadmap page is a widget of its own, named in the window's template. */
  g_type_ensure (AP_TYPE_ROADMAP_VIEW);
}

void
ap_window_views_init (ApWindow *self)
{
  self->lookup_models = g_ptr_array_new_with_free_func (g_object_unref);
  init_incidents (self);
  apply_incident_sort (self);
}

static GListModel *
list_or_null (ApPlan     *plan,
              ApRowList *(*get_list) (ApPlan *))
{
  return plan != NULL ? G_LIST_MODEL (get_list (plan)) : NULL;
}

static void
disconnect_lookups (ApWindow *self)
{
  for (guint i = 0; i < self->lookup_models->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->lookup_models, i),
                                          on_lookup_items_changed_cb, self);
  g_ptr_array_set_size (self->lookup_models, 0);
}

void
ap_window_views_set_plan (ApWindow *self,
                          ApPlan   *plan)
{
  ApRowList *(*lookups[]) (ApPlan *) = {
    ap_plan_get_periods, ap_plan_get_steps, ap_plan_get_activities, ap_plan_get_stages,
    ap_plan_get_organizations, ap_plan_get_categories, ap_plan_get_incidents,
  };

  disconnect_lookups (self);
  if (plan != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
      {
        ApRowList *list = lookups[i] (plan);

        g_ptr_array_add (self->lookup_models, g_object_ref (list));
        g_signal_connect (list, "items-changed", G_CALLBACK (on_lookup_items_changed_cb), self);
      }

  gtk_sort_list_model_set_model (self->incidents_model, list_or_null (plan, ap_plan_get_incidents));
  ap_chart_view_set_plan (self->chart_view, plan);
  update_stack (G_LIST_MODEL (self->incidents_model), self->incidents_stack);
}

void
ap_window_views_dispose (ApWindow *self)
{
  GtkColumnView *views[] = { self->incidents_view };
  GtkSortListModel *models[] = { self->incidents_model };

  /* The views let go of the models while the window still stands: tearing down their
   * columns re-sorts the models, whose items-changed would otherwise reach
   * half-destroyed stacks. The models are gone after the first dispose. */
  if (self->incidents_model != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        gtk_column_view_set_model (views[i], NULL);
        g_signal_handlers_disconnect_matched (models[i], G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                              on_view_items_changed_cb, NULL);
      }

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->lookup_models != NULL)
    disconnect_lookups (self);
  g_clear_pointer (&self->lookup_models, g_ptr_array_unref);
  g_clear_object (&self->incidents_model);
}

