/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-history-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-history.h"
#include "ap-history-markdown.h"
#include "ap-history-panel.h"

/* The roadmap's change history beside the canvas: entries grouped by date, newest
 * first, each with its kind and text. Activating an entry whose card still exists asks
 * the roadmap to show that card. "Copy as Markdown" copies the history in the seed
 * page's style. */

struct _ApHistoryPanel
{
  GtkWidget         parent_instance;

  ApPlan           *plan;
  GtkSortListModel *entries;
  GtkWidget        *box;
  GtkListBox       *list;
};

G_DEFINE_FINAL_TYPE (ApHistoryPanel, ap_history_panel, GTK_TYPE_WIDGET)

enum {
  CARD_ACTIVATED,
  COPIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_entries_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  int by_date = g_strcmp0 (ap_history_entry_get_date ((ApHistoryEntry *) b),
                           ap_history_entry_get_date ((ApHistoryEntry *) a));
  gint64 ia = ap_object_get_id ((ApObject *) a), ib = ap_object_get_id ((ApObject *) b);

  if (by_date != 0)
    return by_date;
  /* The same day: the latest change first, as the dates are. */
  return (ia < ib) - (ia > ib);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ApHistoryEntry *entry = item;
  ApHistoryKind kind = ap_history_kind_from_string (ap_history_entry_get_kind (entry));
  const char *label = ap_history_kind_to_label (kind);
  const char *text = ap_history_entry_get_text (entry);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *kind_label = gtk_label_new (label != NULL ? label : ap_history_entry_get_kind (entry));
  GtkWidget *text_label = gtk_label_new (text != NULL && *text != '\0' ? text
                                         : ap_history_entry_get_subject (entry));
  g_autofree char *accessible = g_strdup_printf ("%s: %s", gtk_label_get_text (GTK_LABEL (kind_label)),
                                                 gtk_label_get_text (GTK_LABEL (text_label)));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (kind_label), 0.0);
  gtk_widget_add_css_class (kind_label, "caption-heading");
  gtk_widget_add_css_class (kind_label, kind == AP_HISTORY_REMOVED ? "error"
                                        : kind == AP_HISTORY_DEFERRED ? "warning" : "accent");
  gtk_label_set_xalign (GTK_LABEL (text_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text_label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), kind_label);
  gtk_box_append (GTK_BOX (box), text_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (row), "ap-entry", g_object_ref (entry), g_object_unref);
  return row;
}

static void
header_cb (GtkListBoxRow *row,
           GtkListBoxRow *before,
           gpointer       user_data)
{
  ApHistoryEntry *entry = g_object_get_data (G_OBJECT (row), "ap-entry");
  ApHistoryEntry *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "ap-entry") : NULL;
  const char *date = ap_history_entry_get_date (entry);
  GtkWidget *header;

  if (previous != NULL && g_strcmp0 (date, ap_history_entry_get_date (previous)) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (date);
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_list_box_row_set_header (row, header);
}

static void
on_row_activated_cb (GtkListBox     *list,
                     GtkListBoxRow  *row,
                     ApHistoryPanel *self)
{
  ApHistoryEntry *entry = g_object_get_data (G_OBJECT (row), "ap-entry");
  gint64 card_id = ap_history_entry_get_card_id (entry);

  if (self->plan == NULL || card_id == 0 ||
      ap_row_list_lookup (ap_plan_get_cards (self->plan), card_id) == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  g_signal_emit (self, signals[CARD_ACTIVATED], 0, card_id);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ap_history_panel_copy (AP_HISTORY_PANEL (widget));
}

static GtkWidget *
new_header (void)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("History"));
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy as Markdown"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "history.copy");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), copy);
  return header;
}

static void
ap_history_panel_dispose (GObject *object)
{
  ApHistoryPanel *self = AP_HISTORY_PANEL (object);

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->list = NULL;
  g_clear_object (&self->entries);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (ap_history_panel_parent_class)->dispose (object);
}

static void
ap_history_panel_class_init (ApHistoryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ap_history_panel_dispose;

  signals[CARD_ACTIVATED] =
    g_signal_new ("card-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[COPIED] =
    g_signal_new ("copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "history.copy", NULL, copy_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "history-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ap_history_panel_init (ApHistoryPanel *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *placeholder = gtk_label_new (_("No changes yet. Moves, additions and deletions of cards are listed here."));

  self->entries = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (compare_entries_cb, NULL, NULL)));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), new_header ());
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_header_func (self->list, header_cb, NULL, NULL);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->entries), create_row_cb, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change history"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);
  gtk_widget_set_size_request (GTK_WIDGET (self), 300, -1);
}

GtkWidget *
ap_history_panel_new (void)
{
  return g_object_new (AP_TYPE_HISTORY_PANEL, NULL);
}

void
ap_history_panel_set_plan (ApHistoryPanel *self,
                           ApPlan         *plan)
{
  g_return_if_fail (AP_IS_HISTORY_PANEL (self));

  g_set_object (&self->plan, plan);
  gtk_sort_list_model_set_model (self->entries, plan != NULL ? G_LIST_MODEL (ap_plan_get_history (plan)) : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.copy", plan != NULL);
}

/* The entries as listed: newest date first. */
GListModel *
ap_history_panel_get_entries (ApHistoryPanel *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_PANEL (self), NULL);
  return G_LIST_MODEL (self->entries);
}

GtkListBox *
ap_history_panel_get_list (ApHistoryPanel *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_PANEL (self), NULL);
  return self->list;
}

/* Puts the history, as Markdown in the seed page's style, on the clipboard. */
void
ap_history_panel_copy (ApHistoryPanel *self)
{
  g_autofree char *markdown = NULL;

  g_return_if_fail (AP_IS_HISTORY_PANEL (self));

  if (self->plan == NULL)
    return;
  markdown = ap_history_to_markdown (self->plan);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), markdown);
  g_signal_emit (self, signals[COPIED], 0);
}
