/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-incident-view-private.h"

/* The incident list's columns: the cells each one shows, and the sort the user picks
 * by clicking a header, which is the query's (the list model holds ids in the order
 * the query gives), not a GtkSorter's. */

/* Columns, in the template's order, and the sort each one stands for. */
static const ApIncidentSort column_sorts[7] = {
  AP_INCIDENT_SORT_ISSUE, AP_INCIDENT_SORT_CATEGORY, AP_INCIDENT_SORT_OCCURRENCES,
  AP_INCIDENT_SORT_ANECDOTES, AP_INCIDENT_SORT_LAST_SEEN, AP_INCIDENT_SORT_STATUS,
  AP_INCIDENT_SORT_TICKETS,
};

const char *
ap_incident_view_category_name (ApIncidentView *self,
                                gint64          id)
{
  ApCategory *category;

  if (self->plan == NULL)
    return "";
  category = ap_row_list_lookup (ap_plan_get_categories (self->plan), id);
  return category != NULL ? ap_category_get_name (category) : "";
}

/* The first ticket and how many more ("ARCHBOM-107 +1"): the keys side by side would
 * need the widest column of the list, and the detail pane and the cell's tooltip list
 * them all. Keys hold no spaces, so the ", " that joins them splits them again. */
static char *
format_tickets (const char *tickets)
{
  g_auto(GStrv) keys = NULL;
  guint n;

  if (tickets == NULL || *tickets == '\0')
    return g_strdup ("");
  keys = g_strsplit (tickets, ", ", -1);
  n = g_strv_length (keys);
  if (n == 1)
    return g_strdup (keys[0]);
  /* Translators: the first ticket key of an incident and how many other tickets it has,
   * as in "ARCHBOM-107 +1", in the Tickets column of the incident list. */
  return g_strdup_printf (_("%s +%u"), keys[0], n - 1);
}

static char *
format_cell (ApIncidentView *self,
             ApIncident     *incident,
             guint           column)
{
  gint64 n;

  switch (column)
    {
    case 0:
      return g_strdup (ap_incident_get_title (incident));
    case 1:
      return g_strdup (ap_incident_view_category_name (self, ap_incident_get_category_id (incident)));
    case 2:
      n = ap_incident_get_occurrences (incident);
      return n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : g_strdup ("—");
    case 3:
      return g_strdup_printf ("%" G_GINT64_FORMAT, ap_incident_get_n_anecdotes (incident));
    case 4:
      return ap_incident_get_last_seen (incident) != NULL
               ? ap_incident_format_date (ap_incident_get_last_seen (incident), FALSE)
               : g_strdup ("—");
    case 5:
      return g_strdup (ap_incident_get_status (incident));
    default:
      return format_tickets (ap_incident_get_tickets (incident));
    }
}

/* A cell cut short shows in full as a tooltip: an issue too long for its column, and
 * the tickets, of which the cell shows the first (@item is the tickets cell's, NULL
 * for the issue's). The text is given when the tooltip is asked for, not at each bind:
 * setting a tooltip makes GTK ask the display where the pointer is, a round trip per
 * row bound. */
static gboolean
on_cell_query_tooltip_cb (GtkWidget   *label,
                          int          x,
                          int          y,
                          gboolean     keyboard,
                          GtkTooltip  *tooltip,
                          GtkListItem *item)
{
  const char *shown = gtk_label_get_text (GTK_LABEL (label));
  ApIncident *incident = item != NULL ? gtk_list_item_get_item (item) : NULL;
  const char *full = incident != NULL ? ap_incident_get_tickets (incident) : shown;

  if (full == NULL ||
      (g_strcmp0 (full, shown) == 0 && !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, full);
  return TRUE;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint c = GPOINTER_TO_UINT (column);

  gtk_label_set_xalign (GTK_LABEL (label), (c == 2 || c == 3) ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (c == 2 || c == 3)
    gtk_widget_add_css_class (label, "numeric");
  if (c == 0 || c == 6)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), c == 6 ? item : NULL);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  column)
{
  ApIncidentView *self = g_object_get_data (G_OBJECT (factory), "view");
  ApIncident *incident = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = format_cell (self, incident, GPOINTER_TO_UINT (column));

  gtk_label_set_text (label, text);
}

/* GTK 4.8 cannot tell which column the user sorted by, but the column view's sorter
 * asks the primary column's sorter first and flips its answer when descending: each
 * column gets a probe sorter that records itself and says "smaller". */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  GtkColumnViewColumn *column = data;
  ApIncidentView *self = g_object_get_data (G_OBJECT (column), "view");

  self->sorted_column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), "index"));
  return GTK_ORDERING_SMALLER;
}

static void
on_view_sorter_changed_cb (GtkSorter       *sorter,
                           GtkSorterChange  change,
                           ApIncidentView  *self)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;
  ApIncidentSort sort = AP_INCIDENT_SORT_DEFAULT;
  gboolean descending = FALSE;

  if (self->updating_sort)
    return;
  self->sorted_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (self->sorted_column >= 0 && order != GTK_ORDERING_EQUAL)
    {
      sort = column_sorts[self->sorted_column];
      descending = order == GTK_ORDERING_LARGER;
    }
  ap_incident_query_set_sort (self->query, sort, descending);
  g_settings_set_string (self->settings, "incident-sort-column", ap_incident_sort_to_string (sort));
  g_settings_set_boolean (self->settings, "incident-sort-descending", descending);
}

void
ap_incident_view_setup_columns (ApIncidentView *self)
{
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;

      g_object_set_data (G_OBJECT (factory), "view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (c));
      gtk_column_view_column_set_factory (self->columns[c], factory);
      g_object_set_data (G_OBJECT (self->columns[c]), "view", self);
      g_object_set_data (G_OBJECT (self->columns[c]), "index", GINT_TO_POINTER (c));
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, self->columns[c], NULL));
      gtk_column_view_column_set_sorter (self->columns[c], sorter);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_view_sorter_changed_cb), self, 0);
}

/* The sort the user chose last time, shown on its column. */
void
ap_incident_view_restore_sort (ApIncidentView *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "incident-sort-column");
  gboolean descending = g_settings_get_boolean (self->settings, "incident-sort-descending");
  ApIncidentSort sort = AP_INCIDENT_SORT_DEFAULT;

  ap_incident_sort_from_string (name, &sort);
  ap_incident_query_set_sort (self->query, sort, descending);
  self->updating_sort = TRUE;
  for (guint c = 0; c < G_N_ELEMENTS (column_sorts); c++)
    if (column_sorts[c] == sort)
      gtk_column_view_sort_by_column (self->column_view, self->columns[c],
                                      descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->updating_sort = FALSE;
}

