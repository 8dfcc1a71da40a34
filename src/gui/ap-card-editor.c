/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-card-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ap-card-editor.h"
#include "ap-form.h"
#include "ap-roadmap-order.h"

/* The editor of one card, new or existing. Nothing changes until Save, which runs one
 * command (one transaction, one undo step); Cancel or Escape throws the edits away. A
 * value the core refuses is shown above the fields and the editor stays open. */

/* A combo row's choices and the row ids behind them (0 for "none"). */
typedef struct
{
  AdwComboRow *row;
  GArray      *ids;
} Choice;

/* A list of check boxes for one of the card's links. Organizations and pain
 * categories are few: a boxed list with a check row each. Incidents and the cards this
 * one can depend on may be thousands: a GtkListView over the plan's own list, narrowed
 * by the search entry, builds rows only for what is on screen, so which ids are checked
 * lives in @selected rather than in widgets. */
typedef struct
{
  ApCardEditor       *editor;
  ApCardLink          link;
  GtkSearchEntry     *search;
  /* few rows */
  GtkListBox         *list;
  GHashTable         *checks;    /* row id → GtkCheckButton */
  /* many rows */
  GtkFilterListModel *rows;
  GtkWidget          *scroller;
  GtkWidget          *empty;     /* says so when no row matches */
  GHashTable         *selected;  /* checked row ids */
  GHashTable         *bound;     /* row id → GtkCheckButton of a row on screen */
  char               *needle;    /* the search text, case-folded */
} CheckList;

enum { CHOICE_STAGE, CHOICE_PERIOD, CHOICE_STEP, CHOICE_INITIATIVE, N_CHOICES };

struct _ApCardEditor
{
  AdwWindow       parent_instance;

  ApPlan         *plan;
  gint64          card_id;      /* 0 for a new card */
  Choice          choices[N_CHOICES];
  CheckList       links[AP_CARD_N_LINKS];

  GtkWidget      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkBox         *content_box;
  AdwEntryRow    *title_row;
  AdwComboRow    *stage_row;
  AdwEntryRow    *stage_text_row;
  AdwComboRow    *period_row;
  AdwComboRow    *step_row;
  AdwComboRow    *initiative_row;
  GtkTextView    *notes_view;
};

G_DEFINE_FINAL_TYPE (ApCardEditor, ap_card_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Choices. */

static const char *
entity_name (gpointer item)
{
  if (AP_IS_STAGE (item))
    return ap_stage_get_name (item);
  if (AP_IS_PERIOD (item))
    return ap_period_get_name (item);
  if (AP_IS_INITIATIVE (item))
    return ap_initiative_get_name (item);
  if (AP_IS_ORGANIZATION (item))
    return ap_organization_get_name (item);
  if (AP_IS_CATEGORY (item))
    return ap_category_get_name (item);
  return "";
}

/* Steps are named with their activity: two activities may both have a "Design" step.
 * The step comes first, so that a narrow row cuts the activity, not the step. */
static char *
dup_label (ApPlan   *plan,
           gpointer  item)
{
  ApActivity *activity;

  if (!AP_IS_STEP (item))
    return g_strdup (entity_name (item));
  activity = ap_row_list_lookup (ap_plan_get_activities (plan), ap_step_get_activity_id (item));
  if (activity == NULL)
    return g_strdup (ap_step_get_name (item));
  /* Translators: a step and the activity it belongs to, e.g. "Deploy change · Production Development". */
  return g_strdup_printf (_("%s · %s"), ap_step_get_name (item), ap_activity_get_name (activity));
}

static void
fill_choice (ApCardEditor *self,
             Choice       *choice,
             AdwComboRow  *row,
             ApEntityKind  kind,
             const char   *none_label)
{
  g_autoptr(GPtrArray) items = ap_roadmap_dup_sorted (self->plan, kind);
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  gint64 none = 0;

  choice->row = row;
  choice->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (none_label != NULL)
    {
      gtk_string_list_append (strings, none_label);
      g_array_append_val (choice->ids, none);
    }
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *label = dup_label (self->plan, g_ptr_array_index (items, i));
      gint64 id = ap_object_get_id (g_ptr_array_index (items, i));

      gtk_string_list_append (strings, label);
      g_array_append_val (choice->ids, id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (strings));
  adw_combo_row_set_use_subtitle (row, FALSE);
}

static void
select_choice (Choice *choice,
               gint64  id)
{
  for (guint i = 0; i < choice->ids->len; i++)
    if (g_array_index (choice->ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (choice->row, i);
        return;
      }
}

static gint64
get_choice (Choice *choice)
{
  guint i = adw_combo_row_get_selected (choice->row);

  return i < choice->ids->len ? g_array_index (choice->ids, gint64, i) : 0;
}

/* Check lists. */

static GtkWidget *
new_check_row (CheckList  *checks,
               gint64      id,
               const char *title,
               const char *subtitle,
               const char *color)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *markup = ap_form_swatch_markup (color, "large");

  /* Names come from the user; the row must not read them as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (markup != NULL)
    {
      GtkWidget *dot = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (dot), markup);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dot);
    }
  g_hash_table_insert (checks->checks, g_memdup2 (&id, sizeof id), check);
  g_object_set_data_full (G_OBJECT (row), "ap-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

/* Many rows: a filtered list view. */

static gint64
item_id (gpointer item)
{
  return ap_object_get_id (AP_OBJECT (item));
}

static const char *
item_title (gpointer item)
{
  return AP_IS_INCIDENT (item) ? ap_incident_get_title (item) : ap_card_get_title (item);
}

/* An incident's category, or a card's period: shown under the title, and searched. */
static const char *
item_subtitle (ApPlan   *plan,
               gpointer  item)
{
  if (AP_IS_INCIDENT (item))
    {
      ApCategory *category = ap_row_list_lookup (ap_plan_get_categories (plan), ap_incident_get_category_id (item));

      return category != NULL ? ap_category_get_name (category) : "";
    }
  else
    {
      ApPeriod *period = ap_row_list_lookup (ap_plan_get_periods (plan), ap_card_get_period_id (item));

      return period != NULL ? ap_period_get_name (period) : "";
    }
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack != NULL ? haystack : "", -1);

  return strstr (folded, needle) != NULL;
}

/* A card cannot depend on itself; checked rows stay in view, so a search never hides
 * what the card links to. */
static gboolean
match_row_cb (gpointer item,
              gpointer user_data)
{
  CheckList *checks = user_data;
  gint64 id = item_id (item);

  if (checks->link == AP_CARD_LINK_DEPENDENCIES && id == checks->editor->card_id)
    return FALSE;
  if (checks->needle == NULL || *checks->needle == '\0' || g_hash_table_contains (checks->selected, &id))
    return TRUE;
  return contains_folded (item_title (item), checks->needle) ||
         contains_folded (item_subtitle (checks->editor->plan, item), checks->needle);
}

static void
set_selected (CheckList *checks,
              gint64     id,
              gboolean   active)
{
  if (active)
    g_hash_table_add (checks->selected, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (checks->selected, &id);
}

static void
on_row_toggled_cb (GtkCheckButton *check,
                   CheckList      *checks)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (check), "ap-list-item");
  gpointer item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    set_selected (checks, item_id (item), gtk_check_button_get_active (check));
}

static void
on_row_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkCheckButton  *check)
{
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CheckList                *checks)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), labels);
  /* The labels toggle the check too, as a check row's would. */
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed_cb), check);
  gtk_widget_add_controller (labels, GTK_EVENT_CONTROLLER (click));
  g_object_set_data (G_OBJECT (check), "ap-list-item", list_item);
  g_signal_connect (check, "toggled", G_CALLBACK (on_row_toggled_cb), checks);
  g_object_set_data (G_OBJECT (box), "ap-check", check);
  g_object_set_data (G_OBJECT (box), "ap-title", title);
  g_object_set_data (G_OBJECT (box), "ap-subtitle", subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CheckList                *checks)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkCheckButton *check = g_object_get_data (G_OBJECT (box), "ap-check");
  gpointer item = gtk_list_item_get_item (list_item);
  const char *subtitle = item_subtitle (checks->editor->plan, item);
  gint64 id = item_id (item);

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "ap-title"), item_title (item));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "ap-subtitle"), subtitle);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "ap-subtitle"), *subtitle != '\0');
  gtk_widget_set_tooltip_text (box, item_title (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, item_title (item), -1);
  g_signal_handlers_block_by_func (check, on_row_toggled_cb, checks);
  gtk_check_button_set_active (check, g_hash_table_contains (checks->selected, &id));
  g_signal_handlers_unblock_by_func (check, on_row_toggled_cb, checks);
  g_hash_table_insert (checks->bound, g_memdup2 (&id, sizeof id), check);
}

static void
on_unbind_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CheckList                *checks)
{
  gpointer item = gtk_list_item_get_item (list_item);
  gint64 id = item != NULL ? item_id (item) : 0;

  /* The list view unbinds its rows while the editor is being disposed. */
  if (checks->bound != NULL)
    g_hash_table_remove (checks->bound, &id);
}

/* Enter (or a double click) on a row toggles its check. */
static void
on_row_activate_cb (GtkListView *view,
                    guint        position,
                    CheckList   *checks)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (checks->rows), position);
  gint64 id;
  GtkCheckButton *check;

  if (item == NULL)
    return;
  id = item_id (item);
  check = g_hash_table_lookup (checks->bound, &id);
  if (check != NULL)
    gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
  else
    set_selected (checks, id, !g_hash_table_contains (checks->selected, &id));
}

/* A list view's natural height counts only the rows it has built, so the height is
 * set from the number of rows: all of a few, six and a scroll bar for more. */
static void
on_rows_changed_cb (GListModel *rows,
                    guint       position,
                    guint       removed,
                    guint       added,
                    CheckList  *checks)
{
  guint n = g_list_model_get_n_items (rows);

  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (checks->scroller), MIN (n, 6) * 48);
  gtk_widget_set_visible (gtk_widget_get_parent (checks->scroller), n > 0);
  gtk_widget_set_visible (checks->empty, n == 0);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      CheckList      *checks)
{
  g_free (checks->needle);
  checks->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_filter_changed (gtk_filter_list_model_get_filter (checks->rows), GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkWidget *
new_list_view (ApCardEditor *self,
               CheckList    *checks,
               GListModel   *items,
               const char   *title,
               const char   *empty)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view;

  checks->scroller = scroller;
  checks->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  checks->bound = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  checks->rows = gtk_filter_list_model_new (g_object_ref (items),
                                            GTK_FILTER (gtk_custom_filter_new (match_row_cb, checks, NULL)));
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_row_cb), checks);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_row_cb), checks);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_row_cb), checks);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (checks->rows)))),
                            g_object_ref (factory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (view, "activate", G_CALLBACK (on_row_activate_cb), checks);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);
  checks->empty = gtk_label_new (empty);
  gtk_widget_add_css_class (checks->empty, "dim-label");
  gtk_widget_set_margin_top (checks->empty, 12);
  gtk_widget_set_margin_bottom (checks->empty, 12);
  g_signal_connect (checks->rows, "items-changed", G_CALLBACK (on_rows_changed_cb), checks);
  on_rows_changed_cb (G_LIST_MODEL (checks->rows), 0, 0, 0, checks);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), checks->empty);
  return box;
}

static void
add_check_group (ApCardEditor *self,
                 ApCardLink    link,
                 const char   *title,
                 const char   *description,
                 GListModel   *items,
                 const char   *empty,
                 const char   *search)
{
  CheckList *checks = &self->links[link];
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  checks->editor = self;
  checks->link = link;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (items != NULL)
    {
      checks->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
      g_object_set (checks->search, "placeholder-text", search, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (checks->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      g_signal_connect (checks->search, "search-changed", G_CALLBACK (on_search_changed_cb), checks);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (checks->search));
      gtk_box_append (GTK_BOX (box), new_list_view (self, checks, items, title, empty));
    }
  else
    {
      GtkWidget *placeholder;

      checks->checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      checks->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (checks->list, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (checks->list), "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (checks->list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      placeholder = gtk_label_new (empty);
      gtk_widget_add_css_class (placeholder, "dim-label");
      gtk_widget_set_margin_top (placeholder, 12);
      gtk_widget_set_margin_bottom (placeholder, 12);
      gtk_list_box_set_placeholder (checks->list, placeholder);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (checks->list));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  gtk_box_append (self->content_box, group);
}

static void
append_check (CheckList  *checks,
              gint64      id,
              const char *title,
              const char *subtitle,
              const char *color)
{
  gtk_list_box_append (checks->list, new_check_row (checks, id, title, subtitle, color));
}

static void
fill_checks (ApCardEditor *self)
{
  g_autoptr(GPtrArray) orgs = ap_roadmap_dup_sorted (self->plan, AP_ENTITY_ORGANIZATION);
  g_autoptr(GPtrArray) categories = ap_roadmap_dup_sorted (self->plan, AP_ENTITY_CATEGORY);

  for (guint i = 0; i < orgs->len; i++)
    {
      ApOrganization *org = g_ptr_array_index (orgs, i);

      append_check (&self->links[AP_CARD_LINK_ORGANIZATIONS], ap_object_get_id (AP_OBJECT (org)),
                    ap_organization_get_name (org), NULL, ap_organization_get_color (org));
    }
  for (guint i = 0; i < categories->len; i++)
    {
      ApCategory *category = g_ptr_array_index (categories, i);

      append_check (&self->links[AP_CARD_LINK_CATEGORIES], ap_object_get_id (AP_OBJECT (category)),
                    ap_category_get_name (category), ap_category_get_status (category),
                    ap_category_get_color (category));
    }
}

static gboolean
is_linked (CheckList *checks,
           gint64     id)
{
  GtkCheckButton *check;

  if (checks->selected != NULL)
    return g_hash_table_contains (checks->selected, &id);
  check = g_hash_table_lookup (checks->checks, &id);
  return check != NULL && gtk_check_button_get_active (check);
}

/* Checks or unchecks a row, on screen or not. */
static void
set_linked (CheckList *checks,
            gint64     id,
            gboolean   linked)
{
  GtkCheckButton *check = g_hash_table_lookup (checks->selected != NULL ? checks->bound : checks->checks, &id);

  if (check != NULL)
    gtk_check_button_set_active (check, linked);
  else if (checks->selected != NULL)
    set_selected (checks, id, linked);
}

static void
load_card (ApCardEditor *self,
           ApCard       *card)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), ap_card_get_title (card));
  gtk_editable_set_text (GTK_EDITABLE (self->stage_text_row), ap_card_get_stage_text (card));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), ap_card_get_notes (card), -1);
  select_choice (&self->choices[CHOICE_STAGE], ap_card_get_stage_id (card));
  select_choice (&self->choices[CHOICE_PERIOD], ap_card_get_period_id (card));
  select_choice (&self->choices[CHOICE_STEP], ap_card_get_step_id (card));
  select_choice (&self->choices[CHOICE_INITIATIVE], ap_card_get_initiative_id (card));
  for (guint link = 0; link < AP_CARD_N_LINKS; link++)
    {
      guint n = 0;
      const gint64 *ids = ap_card_get_links (card, link, &n);

      for (guint i = 0; i < n; i++)
        set_linked (&self->links[link], ids[i], TRUE);
    }
}

/* The checked ids: those the card had first, in the order it had them, so that saving
 * an unchanged list changes nothing; then the new ones in the list's order. */
static GArray *
collect_links (ApCardEditor *self,
               ApCardLink    link,
               ApCard       *card)
{
  CheckList *checks = &self->links[link];
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  const gint64 *old = NULL;
  guint n_old = 0;

  if (card != NULL)
    old = ap_card_get_links (card, link, &n_old);
  for (guint i = 0; i < n_old; i++)
    if (is_linked (checks, old[i]))
      {
        g_array_append_val (ids, old[i]);
        g_hash_table_add (seen, (gpointer) &old[i]);
      }
  if (checks->selected != NULL)
    {
      GListModel *items = gtk_filter_list_model_get_model (checks->rows);

      for (guint i = 0; i < g_list_model_get_n_items (items) && ids->len < g_hash_table_size (checks->selected); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (items, i);
          gint64 id = item_id (item);

          if (g_hash_table_contains (checks->selected, &id) && !g_hash_table_contains (seen, &id))
            g_array_append_val (ids, id);
        }
      return ids;
    }
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (checks->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gint64 *id = g_object_get_data (G_OBJECT (row), "ap-id");

      if (id != NULL && is_linked (checks, *id) && !g_hash_table_contains (seen, id))
        g_array_append_val (ids, *id);
    }
  return ids;
}

static void
show_error (ApCardEditor *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Actions. */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ap_card_editor_save (AP_CARD_EDITOR (widget));
}

static void
on_title_activated_cb (AdwEntryRow  *row,
                       ApCardEditor *self)
{
  ap_card_editor_save (self);
}

/* Set-up. */

static void
ap_card_editor_dispose (GObject *object)
{
  ApCardEditor *self = AP_CARD_EDITOR (object);

  for (guint i = 0; i < N_CHOICES; i++)
    g_clear_pointer (&self->choices[i].ids, g_array_unref);
  for (guint i = 0; i < AP_CARD_N_LINKS; i++)
    {
      CheckList *checks = &self->links[i];

      g_clear_pointer (&checks->checks, g_hash_table_unref);
      g_clear_pointer (&checks->selected, g_hash_table_unref);
      g_clear_pointer (&checks->bound, g_hash_table_unref);
      g_clear_pointer (&checks->needle, g_free);
      /* The filter reads the plan, which goes now; the list goes in finalize. */
      if (checks->rows != NULL)
        {
          g_signal_handlers_disconnect_by_data (checks->rows, checks);
          gtk_filter_list_model_set_model (checks->rows, NULL);
        }
    }
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (ap_card_editor_parent_class)->dispose (object);
}

/* The filtered lists outlive the list views that show them, which go in dispose. */
static void
ap_card_editor_finalize (GObject *object)
{
  ApCardEditor *self = AP_CARD_EDITOR (object);

  for (guint i = 0; i < AP_CARD_N_LINKS; i++)
    g_clear_object (&self->links[i].rows);

  G_OBJECT_CLASS (ap_card_editor_parent_class)->finalize (object);
}

static void
ap_card_editor_class_init (ApCardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ap_card_editor_dispose;
  object_class->finalize = ap_card_editor_finalize;

  /**
   * ApCardEditor::saved:
   * @card_id: the card saved (a new card's new id)
   *
   * Emitted after Save ran its command, before the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ap-card-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, content_box);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, stage_text_row);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, period_row);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, step_row);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, initiative_row);
  gtk_widget_class_bind_template_child (widget_class, ApCardEditor, notes_view);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ap_card_editor_init (ApCardEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->title_row, "entry-activated", G_CALLBACK (on_title_activated_cb), self);
}

/* Public API. */

/**
 * ap_card_editor_new:
 * @parent: (nullable): the window it belongs to
 * @plan: the plan
 * @card_id: the card to edit, or 0 for a new card
 * @period_id: a new card's period, or 0 for the first
 * @step_id: a new card's step, or 0 for the first
 *
 * Returns: (transfer none): the editor, not shown yet
 */
ApCardEditor *
ap_card_editor_new (GtkWindow *parent,
                    ApPlan    *plan,
                    gint64     card_id,
                    gint64     period_id,
                    gint64     step_id)
{
  ApCardEditor *self;
  ApCard *card;

  g_return_val_if_fail (AP_IS_PLAN (plan), NULL);

  self = g_object_new (AP_TYPE_CARD_EDITOR, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  card = card_id != 0 ? ap_row_list_lookup (ap_plan_get_cards (plan), card_id) : NULL;
  self->card_id = card != NULL ? card_id : 0;
  gtk_window_set_title (GTK_WINDOW (self), card != NULL ? _("Edit Card") : _("New Card"));

  fill_choice (self, &self->choices[CHOICE_STAGE], self->stage_row, AP_ENTITY_STAGE, _("No stage"));
  fill_choice (self, &self->choices[CHOICE_PERIOD], self->period_row, AP_ENTITY_PERIOD, NULL);
  fill_choice (self, &self->choices[CHOICE_STEP], self->step_row, AP_ENTITY_STEP, NULL);
  fill_choice (self, &self->choices[CHOICE_INITIATIVE], self->initiative_row,
               AP_ENTITY_INITIATIVE, _("None"));
  add_check_group (self, AP_CARD_LINK_ORGANIZATIONS, _("Owning Organizations"), NULL, NULL,
                   _("The plan has no organizations yet"), NULL);
  add_check_group (self, AP_CARD_LINK_CATEGORIES, _("Pain Categories"),
                   _("The engineering pains this card addresses"), NULL,
                   _("The plan has no pain categories yet"), NULL);
  add_check_group (self, AP_CARD_LINK_INCIDENTS, _("Incidents"),
                   _("The incidents this card addresses"), G_LIST_MODEL (ap_plan_get_incidents (plan)),
                   _("No incidents"), _("Find incidents"));
  add_check_group (self, AP_CARD_LINK_DEPENDENCIES, _("Depends On"),
                   _("Cards that must be done before this one"), G_LIST_MODEL (ap_plan_get_cards (plan)),
                   _("No other cards"), _("Find cards"));
  fill_checks (self);

  if (card != NULL)
    load_card (self, card);
  else
    {
      select_choice (&self->choices[CHOICE_PERIOD], period_id);
      select_choice (&self->choices[CHOICE_STEP], step_id);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

gint64
ap_card_editor_get_card_id (ApCardEditor *self)
{
  g_return_val_if_fail (AP_IS_CARD_EDITOR (self), 0);
  return self->card_id;
}

/* Preselects a stage, period, step or initiative. */
void
ap_card_editor_select (ApCardEditor *self,
                       ApEntityKind  kind,
                       gint64        id)
{
  g_return_if_fail (AP_IS_CARD_EDITOR (self));

  if (kind == AP_ENTITY_STAGE)
    select_choice (&self->choices[CHOICE_STAGE], id);
  else if (kind == AP_ENTITY_PERIOD)
    select_choice (&self->choices[CHOICE_PERIOD], id);
  else if (kind == AP_ENTITY_STEP)
    select_choice (&self->choices[CHOICE_STEP], id);
  else if (kind == AP_ENTITY_INITIATIVE)
    select_choice (&self->choices[CHOICE_INITIATIVE], id);
}

/**
 * ap_card_editor_get_check:
 * @link: %AP_CARD_LINK_ORGANIZATIONS or %AP_CARD_LINK_CATEGORIES
 *
 * Returns: (transfer none) (nullable): the check box of one organization or pain
 *   category; the long lists (incidents, dependencies) have check boxes only for the
 *   rows on screen: use ap_card_editor_set_linked () for them
 */
GtkCheckButton *
ap_card_editor_get_check (ApCardEditor *self,
                          ApCardLink    link,
                          gint64        id)
{
  g_return_val_if_fail (AP_IS_CARD_EDITOR (self), NULL);
  g_return_val_if_fail (link < AP_CARD_N_LINKS, NULL);

  if (self->links[link].checks == NULL)
    return NULL;
  return g_hash_table_lookup (self->links[link].checks, &id);
}

/* Whether the card (as edited, not saved) links to @id. */
gboolean
ap_card_editor_get_linked (ApCardEditor *self,
                           ApCardLink    link,
                           gint64        id)
{
  g_return_val_if_fail (AP_IS_CARD_EDITOR (self), FALSE);
  g_return_val_if_fail (link < AP_CARD_N_LINKS, FALSE);
  return is_linked (&self->links[link], id);
}

/* Checks or unchecks one organization, category, incident or card, as a click would. */
void
ap_card_editor_set_linked (ApCardEditor *self,
                           ApCardLink    link,
                           gint64        id,
                           gboolean      linked)
{
  g_return_if_fail (AP_IS_CARD_EDITOR (self));
  g_return_if_fail (link < AP_CARD_N_LINKS);
  set_linked (&self->links[link], id, linked);
}

/**
 * ap_card_editor_get_link_rows:
 * @link: %AP_CARD_LINK_INCIDENTS or %AP_CARD_LINK_DEPENDENCIES
 *
 * Returns: (transfer none) (nullable): the incidents or cards the list shows, as its
 *   search narrows them
 */
GListModel *
ap_card_editor_get_link_rows (ApCardEditor *self,
                              ApCardLink    link)
{
  g_return_val_if_fail (AP_IS_CARD_EDITOR (self), NULL);
  g_return_val_if_fail (link < AP_CARD_N_LINKS, NULL);
  return G_LIST_MODEL (self->links[link].rows);
}

/* Returns: (transfer none) (nullable): the search entry of a long list */
GtkEditable *
ap_card_editor_get_link_search (ApCardEditor *self,
                                ApCardLink    link)
{
  g_return_val_if_fail (AP_IS_CARD_EDITOR (self), NULL);
  g_return_val_if_fail (link < AP_CARD_N_LINKS, NULL);
  return GTK_EDITABLE (self->links[link].search);
}

/* The message shown for a refused save, or NULL. */
const char *
ap_card_editor_get_error (ApCardEditor *self)
{
  g_return_val_if_fail (AP_IS_CARD_EDITOR (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

/**
 * ap_card_editor_save:
 *
 * Saves the card with one command and closes the editor; if the core refuses the
 * values, shows why and stays open.
 *
 * Returns: whether the card was saved
 */
gboolean
ap_card_editor_save (ApCardEditor *self)
{
  ApCard *card;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree char *notes = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;
  ApCardFields fields = { 0, };
  gint64 id = self->card_id;

  g_return_val_if_fail (AP_IS_CARD_EDITOR (self), FALSE);

  card = id != 0 ? ap_row_list_lookup (ap_plan_get_cards (self->plan), id) : NULL;
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->notes_view), &start, &end);
  notes = gtk_text_iter_get_text (&start, &end);
  fields.title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  fields.stage_id = get_choice (&self->choices[CHOICE_STAGE]);
  fields.stage_text = gtk_editable_get_text (GTK_EDITABLE (self->stage_text_row));
  fields.period_id = get_choice (&self->choices[CHOICE_PERIOD]);
  fields.step_id = get_choice (&self->choices[CHOICE_STEP]);
  fields.initiative_id = get_choice (&self->choices[CHOICE_INITIATIVE]);
  fields.notes = notes;
  for (guint i = 0; i < AP_CARD_N_LINKS; i++)
    {
      GArray *ids = collect_links (self, i, card);

      g_ptr_array_add (links, ids);
      fields.links[i] = (const gint64 *) (gpointer) ids->data;
      fields.n_links[i] = ids->len;
    }

  if (card != NULL)
    {
      if (!ap_plan_update_card (self->plan, id, &fields, &error))
        id = 0;
    }
  else
    id = ap_plan_add_card (self->plan, &fields, G_MAXUINT, &error);
  if (id <= 0)
    {
      show_error (self, error != NULL ? error->message : _("The card could not be saved"));
      return FALSE;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
