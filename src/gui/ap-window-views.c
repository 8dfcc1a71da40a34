/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-window-private.h"

/* The three interim views of a plan, each a GtkColumnView over one of the plan's
 * lists: the roadmap outline (cards by period and step), the incidents and the pain
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

typedef struct
{
  gint64 live;
  gint64 occurrences;
} CategoryTotals;

typedef const char *(*StringGetter) (gconstpointer item);

/* Placeholder for unknown values, e.g. an incident's unknown number of occurrences. */
#define UNKNOWN_VALUE "—"

/* Cells. */

/* Whether the row above @list_item shows the same text in this column, so that the
 * outline reads as groups (one period heading, then its cards). */
static gboolean
same_as_row_above (CellSpec    *spec,
                   GtkListItem *list_item,
                   const char  *text)
{
  GListModel *model = G_LIST_MODEL (spec->self->outline_model);
  guint position = gtk_list_item_get_position (list_item);
  g_autoptr(GObject) above = NULL;
  g_autofree char *above_text = NULL;

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  above = g_list_model_get_item (model, position - 1);
  above_text = above != NULL ? spec->format (spec->self, above) : NULL;
  return g_strcmp0 (above_text, text) == 0;
}

static void
update_cell (GtkListItem *list_item)
{
  CellSpec *spec = g_object_get_data (G_OBJECT (list_item), "ap-cell-spec");
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = item != NULL ? spec->format (spec->self, item) : NULL;

  if ((spec->flags & CELL_GROUP) && same_as_row_above (spec, list_item, text))
    g_clear_pointer (&text, g_free);
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

static CategoryTotals *
get_totals (ApWindow *self,
            gint64    category_id)
{
  static CategoryTotals none = { 0, -1 };
  CategoryTotals *totals = g_hash_table_lookup (self->totals, &category_id);

  return totals != NULL ? totals : &none;
}

/* Outline cells. */

static char *
format_card_period (ApWindow *self,
                    gpointer  item)
{
  ApPeriod *period = lookup (self, ap_plan_get_periods, ap_card_get_period_id (item));

  return dup_or_unknown (period != NULL ? ap_period_get_name (period) : NULL);
}

static char *
format_card_step (ApWindow *self,
                  gpointer  item)
{
  ApStep *step = lookup (self, ap_plan_get_steps, ap_card_get_step_id (item));

  return dup_or_unknown (step != NULL ? ap_step_get_name (step) : NULL);
}

static char *
format_card_title (ApWindow *self,
                   gpointer  item)
{
  return g_strdup (ap_card_get_title (item));
}

static char *
format_card_stage (ApWindow *self,
                   gpointer  item)
{
  const char *text = ap_card_get_stage_text (item);
  ApStage *stage = lookup (self, ap_plan_get_stages, ap_card_get_stage_id (item));

  /* The free text is the stage as written ("Adopt via Automated-Feedback"), so it
   * wins over the plain stage name. */
  if (text == NULL || *text == '\0')
    text = stage != NULL ? ap_stage_get_name (stage) : NULL;
  return markup_with_color (stage != NULL ? ap_stage_get_color (stage) : NULL, text);
}

static char *
format_card_organizations (ApWindow *self,
                           gpointer  item)
{
  guint n_ids = 0;
  const gint64 *ids = ap_card_get_links (item, AP_CARD_LINK_ORGANIZATIONS, &n_ids);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      ApOrganization *organization = lookup (self, ap_plan_get_organizations, ids[i]);

      if (organization == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, ap_organization_get_name (organization));
    }
  return g_string_free (names, FALSE);
}

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

/* Category cells. */

static char *
format_category_name (ApWindow *self,
                      gpointer  item)
{
  return markup_with_color (ap_category_get_color (item), ap_category_get_name (item));
}

static char *
format_category_status (ApWindow *self,
                        gpointer  item)
{
  return g_strdup (ap_category_get_status (item));
}

static char *
format_category_recorded (ApWindow *self,
                          gpointer  item)
{
  return format_count (ap_category_get_recorded_incidents (item));
}

static char *
format_category_live (ApWindow *self,
                      gpointer  item)
{
  return format_count (get_totals (self, ap_object_get_id (item))->live);
}

static char *
format_category_occurrences (ApWindow *self,
                             gpointer  item)
{
  return format_count (get_totals (self, ap_object_get_id (item))->occurrences);
}

/* Sorting. */

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? -1 : a > b;
}

static int
compare_strings (const char *a,
                 const char *b)
{
  return g_utf8_collate (a != NULL ? a : "", b != NULL ? b : "");
}

/* Where a card's step stands among the columns: its activity's place, then its own.
 * Cards without a step come first, as the canvas draws them in the first column. */
static gint64
get_step_rank (ApWindow *self,
               gint64    step_id)
{
  ApStep *step = lookup (self, ap_plan_get_steps, step_id);
  ApActivity *activity;

  if (step == NULL)
    return -1;
  activity = lookup (self, ap_plan_get_activities, ap_step_get_activity_id (step));
  return (activity != NULL ? ap_activity_get_position (activity) : 0) * G_MAXINT32
         + ap_step_get_position (step);
}

static gint64
get_period_rank (ApWindow *self,
                 gint64    period_id)
{
  ApPeriod *period = lookup (self, ap_plan_get_periods, period_id);

  return period != NULL ? ap_period_get_position (period) : G_MAXINT64;
}

static int
compare_cards (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ApWindow *self = user_data;
  ApCard *card_a = (ApCard *) a, *card_b = (ApCard *) b;
  int result;

  result = compare_int64 (get_period_rank (self, ap_card_get_period_id (card_a)),
                          get_period_rank (self, ap_card_get_period_id (card_b)));
  if (result == 0)
    result = compare_int64 (get_step_rank (self, ap_card_get_step_id (card_a)),
                            get_step_rank (self, ap_card_get_step_id (card_b)));
  if (result == 0)
    result = compare_int64 (ap_card_get_position (card_a), ap_card_get_position (card_b));
  if (result == 0)
    result = compare_int64 (ap_object_get_id ((ApObject *) a), ap_object_get_id ((ApObject *) b));
  return result;
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

static int
compare_category_live (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  ApWindow *self = user_data;

  return compare_int64 (get_totals (self, ap_object_get_id ((ApObject *) a))->live,
                        get_totals (self, ap_object_get_id ((ApObject *) b))->live);
}

static int
compare_category_occurrences (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data)
{
  ApWindow *self = user_data;

  return compare_int64 (get_totals (self, ap_object_get_id ((ApObject *) a))->occurrences,
                        get_totals (self, ap_object_get_id ((ApObject *) b))->occurrences);
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

static const char *
get_category_name (gconstpointer item)
{
  return ap_category_get_name ((ApCategory *) item);
}

static const char *
get_category_status (gconstpointer item)
{
  return ap_category_get_status ((ApCategory *) item);
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

static void
compute_totals (ApWindow *self)
{
  GListModel *incidents;
  guint n;

  g_hash_table_remove_all (self->totals);
  if (self->plan == NULL)
    return;

  incidents = G_LIST_MODEL (ap_plan_get_incidents (self->plan));
  n = g_list_model_get_n_items (incidents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ApIncident) incident = g_list_model_get_item (incidents, i);
      gint64 category_id = ap_incident_get_category_id (incident);
      gint64 occurrences = ap_incident_get_occurrences (incident);
      CategoryTotals *totals = g_hash_table_lookup (self->totals, &category_id);

      if (totals == NULL)
        {
          gint64 *key = g_memdup2 (&category_id, sizeof category_id);

          totals = g_new0 (CategoryTotals, 1);
          totals->occurrences = -1;
          g_hash_table_insert (self->totals, key, totals);
        }
      totals->live++;
      /* Unknown occurrences (-1) add nothing; the sum stays unknown only while no
       * incident of the category has a count. */
      if (occurrences >= 0)
        totals->occurrences = MAX (totals->occurrences, 0) + occurrences;
    }
}

static gboolean
refresh_cb (gpointer user_data)
{
  ApWindow *self = user_data;

  self->refresh_id = 0;
  compute_totals (self);
  gtk_sorter_changed (self->outline_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (self->charts_live_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (self->charts_occurrences_sorter, GTK_SORTER_CHANGE_DIFFERENT);

  rebind_column (self->outline_period_column);
  rebind_column (self->outline_step_column);
  rebind_column (self->outline_stage_column);
  rebind_column (self->outline_organizations_column);
  rebind_column (self->incidents_category_column);
  rebind_column (self->charts_live_column);
  rebind_column (self->charts_occurrences_column);
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

static void
on_outline_selected_cb (GtkSingleSelection *selection,
                        GParamSpec         *pspec,
                        ApWindow           *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-card",
                                 gtk_single_selection_get_selected_item (selection) != NULL);
}

static void
delete_card_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);
  ApCard *card = ap_window_views_get_selected_card (self);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (card == NULL || self->plan == NULL)
    return;

  title = g_strdup (ap_card_get_title (card));
  if (!ap_plan_delete_card (self->plan, ap_object_get_id (AP_OBJECT (card)), &error))
    {
      ap_window_add_toast (self, ap_window_new_toast (_("Could not delete “%s”: %s"),
                                                       title, error->message));
      return;
    }
  toast = ap_window_new_toast (_("“%s” deleted"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  ap_window_add_toast (self, toast);
}

static void
add_delete_shortcut (ApWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  guint keys[] = { GDK_KEY_Delete, GDK_KEY_KP_Delete };

  /* On the outline only: Delete elsewhere (a future search entry, the incidents)
   * must not remove a card the user is not looking at. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                                                gtk_named_action_new ("win.delete-card"));

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self->outline_view), controller);
}

/* Set-up. */

static void
init_outline (ApWindow *self)
{
  self->outline_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cards, self, NULL));
  self->outline_model = gtk_sort_list_model_new (NULL, g_object_ref (self->outline_sorter));
  self->outline_selection =
    gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->outline_model)));
  gtk_single_selection_set_autoselect (self->outline_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->outline_selection, TRUE);
  gtk_column_view_set_model (self->outline_view, GTK_SELECTION_MODEL (self->outline_selection));
  g_signal_connect_object (self->outline_selection, "notify::selected",
                           G_CALLBACK (on_outline_selected_cb), self, 0);
  g_signal_connect_object (self->outline_model, "items-changed",
                           G_CALLBACK (on_view_items_changed_cb), self->outline_stack, 0);

  set_cell_factory (self, self->outline_period_column, format_card_period,
                    CELL_GROUP | CELL_TOOLTIP);
  set_cell_factory (self, self->outline_step_column, format_card_step, CELL_TOOLTIP);
  set_cell_factory (self, self->outline_card_column, format_card_title, CELL_TOOLTIP);
  set_cell_factory (self, self->outline_stage_column, format_card_stage,
                    CELL_MARKUP | CELL_TOOLTIP);
  set_cell_factory (self, self->outline_organizations_column, format_card_organizations,
                    CELL_DIM | CELL_TOOLTIP);
  add_delete_shortcut (self);
}

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

static void
init_charts (ApWindow *self)
{
  static const StringGetter name = get_category_name;
  static const StringGetter status = get_category_status;
  GtkSingleSelection *selection;

  set_cell_factory (self, self->charts_category_column, format_category_name,
                    CELL_MARKUP | CELL_TOOLTIP);
  set_cell_factory (self, self->charts_status_column, format_category_status, CELL_TEXT);
  set_cell_factory (self, self->charts_recorded_column, format_category_recorded, CELL_NUMERIC);
  set_cell_factory (self, self->charts_live_column, format_category_live, CELL_NUMERIC);
  set_cell_factory (self, self->charts_occurrences_column, format_category_occurrences,
                    CELL_NUMERIC);

  self->charts_live_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_category_live, self, NULL));
  self->charts_occurrences_sorter =
    GTK_SORTER (gtk_custom_sorter_new (compare_category_occurrences, self, NULL));
  set_column_sorter (self->charts_category_column, new_string_sorter (&name));
  set_column_sorter (self->charts_status_column, new_string_sorter (&status));
  set_column_sorter (self->charts_recorded_column,
                     new_numeric_sorter (AP_TYPE_CATEGORY, "recorded-incidents"));
  gtk_column_view_column_set_sorter (self->charts_live_column, self->charts_live_sorter);
  gtk_column_view_column_set_sorter (self->charts_occurrences_column,
                                     self->charts_occurrences_sorter);

  self->charts_model = new_sorted_model (self->charts_view, AP_TYPE_CATEGORY);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->charts_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->charts_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect_object (self->charts_model, "items-changed",
                           G_CALLBACK (on_view_items_changed_cb), self->charts_stack, 0);
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
  gtk_widget_class_install_action (widget_class, "win.delete-card", NULL, delete_card_action);
}

void
ap_window_views_init (ApWindow *self)
{
  self->totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->lookup_models = g_ptr_array_new_with_free_func (g_object_unref);
  init_outline (self);
  init_incidents (self);
  init_charts (self);
  apply_incident_sort (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-card", FALSE);
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
    /* The outline shows a period once per group; a card's change can regroup rows. */
    ap_plan_get_cards,
  };

  disconnect_lookups (self);
  if (plan != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
      {
        ApRowList *list = lookups[i] (plan);

        g_ptr_array_add (self->lookup_models, g_object_ref (list));
        g_signal_connect (list, "items-changed", G_CALLBACK (on_lookup_items_changed_cb), self);
      }

  compute_totals (self);
  gtk_sort_list_model_set_model (self->outline_model, list_or_null (plan, ap_plan_get_cards));
  gtk_sort_list_model_set_model (self->incidents_model, list_or_null (plan, ap_plan_get_incidents));
  gtk_sort_list_model_set_model (self->charts_model, list_or_null (plan, ap_plan_get_categories));
  update_stack (G_LIST_MODEL (self->outline_model), self->outline_stack);
  update_stack (G_LIST_MODEL (self->incidents_model), self->incidents_stack);
  update_stack (G_LIST_MODEL (self->charts_model), self->charts_stack);
}

void
ap_window_views_dispose (ApWindow *self)
{
  GtkColumnView *views[] = { self->outline_view, self->incidents_view, self->charts_view };
  GtkSortListModel *models[] = { self->outline_model, self->incidents_model, self->charts_model };

  /* The views let go of the models while the window still stands: tearing down their
   * columns re-sorts the models, whose items-changed would otherwise reach
   * half-destroyed stacks. The models are gone after the first dispose. */
  if (self->outline_model != NULL)
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
  g_clear_pointer (&self->totals, g_hash_table_unref);
  g_clear_object (&self->outline_selection);
  g_clear_object (&self->outline_model);
  g_clear_object (&self->outline_sorter);
  g_clear_object (&self->incidents_model);
  g_clear_object (&self->charts_model);
  g_clear_object (&self->charts_live_sorter);
  g_clear_object (&self->charts_occurrences_sorter);
}

ApCard *
ap_window_views_get_selected_card (ApWindow *self)
{
  return gtk_single_selection_get_selected_item (self->outline_selection);
}
