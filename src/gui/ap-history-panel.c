/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-history-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-history.h"
#include "ap-history-markdown.h"
#include "ap-history-panel.h"

/* The roadmap's change history beside the canvas: entries grouped by date, newest
 * first, each with its kind and text, in a list view that makes only the rows on screen. Activating an entry whose card still exists asks
 * the roadmap to show that card. "Copy as Markdown" copies the history in the seed
 * page's style. */

struct _ApHistoryPanel
{
  GtkWidget         parent_instance;

  ApPlan           *plan;
  gboolean          attached;  /* entries reads the plan's history: from the first map on */
  GtkSortListModel *entries;
  GtkWidget        *box;
  GtkStack         *stack;
  GtkListView      *list;
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

/* A row: the date heading (shown above the first entry of each date), the kind and the
 * text. Rows are recycled by the list view, so a history of any length costs only the
 * rows on screen. */
static void update_heading (ApHistoryPanel *self,
                            GtkListItem    *item);

/* An entry added or removed before a row moves it, and can change whether it starts a
 * date; the list view rebinds only rows whose entry changed. */
static void
on_position_cb (GtkListItem    *item,
                GParamSpec     *pspec,
                ApHistoryPanel *self)
{
  update_heading (self, item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ApHistoryPanel           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "history-row");
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (date), 0.0);
  gtk_widget_add_css_class (date, "heading");
  gtk_widget_set_margin_top (date, 12);
  gtk_widget_set_margin_bottom (date, 6);
  gtk_widget_set_margin_top (kind, 6);
  gtk_label_set_xalign (GTK_LABEL (kind), 0.0);
  gtk_widget_add_css_class (kind, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  /* The panel is as wide as its widest row or its empty-state text want, so long texts
   * wrap rather than widen it. */
  gtk_label_set_max_width_chars (GTK_LABEL (text), 44);
  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (item, box);
  g_signal_connect (item, "notify::position", G_CALLBACK (on_position_cb), self);
}

/* Shows the date heading when the row's entry is the first of its date. */
static void
update_heading (ApHistoryPanel *self,
                GtkListItem    *item)
{
  ApHistoryEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *date = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  guint position = gtk_list_item_get_position (item);
  g_autoptr(ApHistoryEntry) previous = NULL;

  if (entry == NULL)
    return;
  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    previous = g_list_model_get_item (G_LIST_MODEL (self->entries), position - 1);
  gtk_label_set_text (GTK_LABEL (date), ap_history_entry_get_date (entry));
  gtk_widget_set_visible (date, previous == NULL ||
                                g_strcmp0 (ap_history_entry_get_date (entry),
                                           ap_history_entry_get_date (previous)) != 0);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ApHistoryPanel           *self)
{
  ApHistoryEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *kind_label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *text_label = gtk_widget_get_next_sibling (kind_label);
  ApHistoryKind kind = ap_history_kind_from_string (ap_history_entry_get_kind (entry));
  const char *label = ap_history_kind_to_label (kind);
  const char *text = ap_history_entry_get_text (entry);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (kind_label), label != NULL ? label : ap_history_entry_get_kind (entry));
  gtk_label_set_text (GTK_LABEL (text_label), text != NULL && *text != '\0' ? text
                                              : ap_history_entry_get_subject (entry));
  gtk_widget_remove_css_class (kind_label, "error");
  gtk_widget_remove_css_class (kind_label, "warning");
  gtk_widget_remove_css_class (kind_label, "accent");
  gtk_widget_add_css_class (kind_label, kind == AP_HISTORY_REMOVED ? "error"
                                        : kind == AP_HISTORY_DEFERRED ? "warning" : "accent");
  accessible = g_strdup_printf ("%s, %s: %s", ap_history_entry_get_date (entry),
                                gtk_label_get_text (GTK_LABEL (kind_label)),
                                gtk_label_get_text (GTK_LABEL (text_label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  update_heading (self, item);
}

static void
on_entries_changed_cb (GListModel     *model,
                       guint           position,
                       guint           removed,
                       guint           added,
                       ApHistoryPanel *self)
{
  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (model) > 0 ? "list" : "empty");
}

static void
on_activate_cb (GtkListView    *list,
                guint           position,
                ApHistoryPanel *self)
{
  g_autoptr(ApHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  gint64 card_id = entry != NULL ? ap_history_entry_get_card_id (entry) : 0;

  if (self->plan == NULL || card_id == 0 ||
      ap_row_list_lookup (ap_plan_get_cards (self->plan), card_id) == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  g_signal_emit (self, signals[CARD_ACTIVATED], 0, card_id);
}

/* A long history takes a while to read and sort, and the panel starts hidden: it reads
 * the history when first shown, or first asked for its entries, in one pass. */
static void
attach_entries (ApHistoryPanel *self)
{
  g_autoptr(GError) error = NULL;
  ApRowList *history;

  if (self->attached || self->plan == NULL)
    return;
  self->attached = TRUE;
  history = ap_plan_get_history (self->plan);
  if (!ap_row_list_make_all (history, &error))
    g_warning ("Could not read the change history: %s", error->message);
  gtk_sort_list_model_set_model (self->entries, G_LIST_MODEL (history));
}

static void
ap_history_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ap_history_panel_parent_class)->map (widget);
  attach_entries (AP_HISTORY_PANEL (widget));
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

  if (self->entries != NULL)
    g_signal_handlers_disconnect_by_func (self->entries, on_entries_changed_cb, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->list = NULL;
  self->stack = NULL;
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

  widget_class->map = ap_history_panel_map;
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
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->entries = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (compare_entries_cb, NULL, NULL)));
  g_signal_connect_after (self->entries, "items-changed", G_CALLBACK (on_entries_changed_cb), self);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), new_header ());
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries)))),
                                                 factory));
  gtk_list_view_set_single_click_activate (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change history"), -1);
  g_signal_connect (self->list, "activate", G_CALLBACK (on_activate_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (placeholder), 40);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_valign (placeholder, GTK_ALIGN_START);
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, placeholder, "empty");
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
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
  self->attached = FALSE;
  gtk_sort_list_model_set_model (self->entries, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    attach_entries (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.copy", plan != NULL);
}

/* The entries as listed: newest date first. */
GListModel *
ap_history_panel_get_entries (ApHistoryPanel *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_PANEL (self), NULL);
  attach_entries (self);
  return G_LIST_MODEL (self->entries);
}

GtkListView *
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
