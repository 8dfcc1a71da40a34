/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-structure-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-roadmap-outline.h"
#include "ap-structure-editor.h"

/* "Roadmap Structure": the activities and steps (columns), periods (rows),
 * organizations, stages and initiatives, each added, renamed, reordered and removed
 * with one command, so the window's Ctrl+Z undoes it. Removing one that cards use asks
 * what becomes of those cards. The groups are rebuilt from the plan's lists whenever a
 * command changes them. */

typedef struct
{
  ApEntityKind  kind;
  const char   *page;
  const char   *title;
  const char   *icon;
} KindInfo;

static const KindInfo kinds[] = {
  { AP_ENTITY_ACTIVITY, "columns", N_("Activities"), "view-columns-symbolic" },
  { AP_ENTITY_STEP, "columns", N_("Steps"), "view-columns-symbolic" },
  { AP_ENTITY_PERIOD, "periods", N_("Periods"), "x-office-calendar-symbolic" },
  { AP_ENTITY_ORGANIZATION, "organizations", N_("Organizations"), "system-users-symbolic" },
  { AP_ENTITY_STAGE, "stages", N_("Stages"), "view-list-bullet-symbolic" },
  { AP_ENTITY_INITIATIVE, "initiatives", N_("Initiatives"), "emblem-documents-symbolic" },
};

struct _ApStructureEditor
{
  AdwPreferencesWindow  parent_instance;

  ApPlan               *plan;
  AdwPreferencesGroup  *groups[G_N_ELEMENTS (kinds)];
  GPtrArray            *rows[G_N_ELEMENTS (kinds)];
  guint                 rebuild_id;
};

G_DEFINE_FINAL_TYPE (ApStructureEditor, ap_structure_editor, ADW_TYPE_PREFERENCES_WINDOW)

static void rebuild (ApStructureEditor *self);

static ApRowList *
get_list (ApPlan       *plan,
          ApEntityKind  kind)
{
  switch (kind)
    {
    case AP_ENTITY_ORGANIZATION: return ap_plan_get_organizations (plan);
    case AP_ENTITY_ACTIVITY: return ap_plan_get_activities (plan);
    case AP_ENTITY_STEP: return ap_plan_get_steps (plan);
    case AP_ENTITY_PERIOD: return ap_plan_get_periods (plan);
    case AP_ENTITY_STAGE: return ap_plan_get_stages (plan);
    case AP_ENTITY_INITIATIVE: return ap_plan_get_initiatives (plan);
    case AP_ENTITY_CATEGORY:
    case AP_N_ENTITIES:
    default: return ap_plan_get_categories (plan);
    }
}

static void
show_error (ApStructureEditor *self,
            const GError      *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

/* The fields of an entity as they are, for a command that changes one of them. */
static void
read_fields (gpointer        item,
             ApEntityFields *f)
{
  *f = (ApEntityFields) { .recorded_incidents = -1 };
  g_object_get (item, "name", &f->name, NULL);
  if (AP_IS_ORGANIZATION (item))
    {
      f->color = ap_organization_get_color (item);
      f->footnote = ap_organization_get_footnote (item);
    }
  else if (AP_IS_STAGE (item))
    f->color = ap_stage_get_color (item);
  else if (AP_IS_ACTIVITY (item))
    f->subtitle = ap_activity_get_subtitle (item);
  else if (AP_IS_STEP (item))
    f->activity_id = ap_step_get_activity_id (item);
  else if (AP_IS_INITIATIVE (item))
    f->notes = ap_initiative_get_notes (item);
  else if (AP_IS_PERIOD (item))
    {
      f->start_date = ap_period_get_start_date (item);
      f->end_date = ap_period_get_end_date (item);
      f->is_backlog = ap_period_get_is_backlog (item);
    }
}

static gpointer
lookup_item (ApStructureEditor *self,
             GtkWidget         *widget,
             ApEntityKind      *kind)
{
  *kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "ap-kind"));
  return ap_row_list_lookup (get_list (self->plan, *kind),
                             *(gint64 *) g_object_get_data (G_OBJECT (widget), "ap-id"));
}

static void
tag (GtkWidget    *widget,
     ApEntityKind  kind,
     gint64        id)
{
  g_object_set_data (G_OBJECT (widget), "ap-kind", GUINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (widget), "ap-id", g_memdup2 (&id, sizeof id), g_free);
}

/* An edited field: which one is named by the widget's "ap-field". */
static void
apply_field (ApStructureEditor *self,
             GtkWidget         *widget,
             const char        *value)
{
  const char *field = g_object_get_data (G_OBJECT (widget), "ap-field");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  ApEntityFields f;
  ApEntityKind kind;
  gpointer item = lookup_item (self, widget, &kind);

  if (item == NULL)
    return;
  read_fields (item, &f);
  name = (char *) f.name;
  if (g_str_equal (field, "name"))
    f.name = value;
  else if (g_str_equal (field, "color"))
    f.color = value;
  else if (g_str_equal (field, "notes") || g_str_equal (field, "subtitle"))
    f.notes = f.subtitle = value;
  else if (g_str_equal (field, "start"))
    f.start_date = *value != '\0' ? value : NULL;
  else if (g_str_equal (field, "end"))
    f.end_date = *value != '\0' ? value : NULL;
  else if (g_str_equal (field, "backlog"))
    f.is_backlog = value != NULL && *value == '1';
  if (!ap_plan_update_entity (self->plan, kind, ap_object_get_id (item), &f, &error))
    show_error (self, error);
}

static void
on_entry_apply_cb (AdwEntryRow       *row,
                   ApStructureEditor *self)
{
  apply_field (self, GTK_WIDGET (row), gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_color_set_cb (GtkColorButton    *button,
                 ApStructureEditor *self)
{
  GdkRGBA rgba;
  g_autofree char *color = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5),
                           (guint) (rgba.green * 255 + 0.5), (guint) (rgba.blue * 255 + 0.5));
  apply_field (self, GTK_WIDGET (button), color);
}

static void
on_backlog_cb (GtkSwitch         *sw,
               GParamSpec        *pspec,
               ApStructureEditor *self)
{
  apply_field (self, GTK_WIDGET (sw), gtk_switch_get_active (sw) ? "1" : "0");
}

static void
on_move_clicked_cb (GtkButton         *button,
                    ApStructureEditor *self)
{
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "ap-delta"));
  g_autoptr(GError) error = NULL;
  ApEntityKind kind;
  gpointer item = lookup_item (self, GTK_WIDGET (button), &kind);
  gint64 position = 0;

  if (item == NULL)
    return;
  g_object_get (item, "position", &position, NULL);
  if (position + delta < 0)
    return;
  if (!ap_plan_reorder_entity (self->plan, kind, ap_object_get_id (item), position + delta, &error))
    show_error (self, error);
}

static void
on_remove_clicked_cb (GtkButton         *button,
                      ApStructureEditor *self)
{
  ApEntityKind kind;
  gpointer item = lookup_item (self, GTK_WIDGET (button), &kind);

  if (item != NULL)
    ap_structure_editor_remove (self, kind, ap_object_get_id (item));
}

/* Rows. */

static GtkWidget *
new_button (const char   *icon,
            const char   *tooltip,
            ApEntityKind  kind,
            gint64        id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  tag (button, kind, id);
  return button;
}

static GtkWidget *
new_entry_row (ApStructureEditor *self,
               const char        *title,
               const char        *field,
               const char        *value,
               ApEntityKind       kind,
               gint64             id)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_object_set_data (G_OBJECT (row), "ap-field", (gpointer) field);
  tag (row, kind, id);
  g_signal_connect (row, "apply", G_CALLBACK (on_entry_apply_cb), self);
  return row;
}

static void
add_detail_rows (ApStructureEditor *self,
                 AdwExpanderRow    *expander,
                 gpointer           item,
                 ApEntityKind       kind,
                 gint64             id)
{
  const char *color = AP_IS_ORGANIZATION (item) ? ap_organization_get_color (item)
                      : AP_IS_STAGE (item) ? ap_stage_get_color (item) : NULL;

  if (AP_IS_PERIOD (item))
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();

      adw_expander_row_add_row (expander, new_entry_row (self, _("Start Date (YYYY-MM-DD)"), "start",
                                                         ap_period_get_start_date (item), kind, id));
      adw_expander_row_add_row (expander, new_entry_row (self, _("End Date (YYYY-MM-DD)"), "end",
                                                         ap_period_get_end_date (item), kind, id));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Backlog"));
      gtk_switch_set_active (GTK_SWITCH (sw), ap_period_get_is_backlog (item));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (sw), "ap-field", (gpointer) "backlog");
      tag (sw, kind, id);
      g_signal_connect (sw, "notify::active", G_CALLBACK (on_backlog_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_expander_row_add_row (expander, row);
    }
  else if (color != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_color_button_new ();
      GdkRGBA rgba;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Colour"));
      if (gdk_rgba_parse (&rgba, color))
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "ap-field", (gpointer) "color");
      tag (button, kind, id);
      g_signal_connect (button, "color-set", G_CALLBACK (on_color_set_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_expander_row_add_row (expander, row);
    }
  else if (AP_IS_INITIATIVE (item))
    adw_expander_row_add_row (expander, new_entry_row (self, _("Notes"), "notes",
                                                       ap_initiative_get_notes (item), kind, id));
  else if (AP_IS_ACTIVITY (item))
    adw_expander_row_add_row (expander, new_entry_row (self, _("Subtitle"), "subtitle",
                                                       ap_activity_get_subtitle (item), kind, id));
}

static GtkWidget *
new_entity_row (ApStructureEditor *self,
                gpointer           item,
                ApEntityKind       kind,
                const char        *subtitle)
{
  gint64 id = ap_object_get_id (item);
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *name = NULL;
  GtkWidget *up, *down, *remove;

  g_object_get (item, "name", &name, NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), name);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  up = new_button ("go-up-symbolic", _("Move Up"), kind, id);
  down = new_button ("go-down-symbolic", _("Move Down"), kind, id);
  remove = new_button ("user-trash-symbolic", _("Remove"), kind, id);
  g_object_set_data (G_OBJECT (up), "ap-delta", GINT_TO_POINTER (-1));
  g_object_set_data (G_OBJECT (down), "ap-delta", GINT_TO_POINTER (1));
  g_signal_connect (up, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), up);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), down);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), new_entry_row (self, _("Name"), "name", name, kind, id));
  add_detail_rows (self, ADW_EXPANDER_ROW (expander), item, kind, id);
  return expander;
}

static char *
dup_subtitle (ApStructureEditor *self,
              gpointer           item)
{
  if (AP_IS_STEP (item))
    {
      ApActivity *activity = ap_row_list_lookup (ap_plan_get_activities (self->plan),
                                                 ap_step_get_activity_id (item));

      return g_strdup (activity != NULL ? ap_activity_get_name (activity) : NULL);
    }
  if (AP_IS_PERIOD (item) && ap_period_get_start_date (item) != NULL)
    return g_strdup_printf ("%s – %s", ap_period_get_start_date (item),
                            ap_period_get_end_date (item) != NULL ? ap_period_get_end_date (item) : "");
  if (AP_IS_PERIOD (item) && ap_period_get_is_backlog (item))
    return g_strdup (_("Backlog"));
  return NULL;
}

static void
rebuild_group (ApStructureEditor *self,
               guint              k)
{
  g_autoptr(GPtrArray) items = ap_roadmap_dup_sorted (self->plan, kinds[k].kind);

  for (guint i = 0; i < self->rows[k]->len; i++)
    adw_preferences_group_remove (self->groups[k], g_ptr_array_index (self->rows[k], i));
  g_ptr_array_set_size (self->rows[k], 0);
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *subtitle = dup_subtitle (self, g_ptr_array_index (items, i));
      GtkWidget *row = new_entity_row (self, g_ptr_array_index (items, i), kinds[k].kind, subtitle);

      g_ptr_array_add (self->rows[k], row);
      adw_preferences_group_add (self->groups[k], row);
    }
}

static void
rebuild (ApStructureEditor *self)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    rebuild_group (self, k);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  ApStructureEditor *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
on_list_changed_cb (GListModel        *list,
                    guint              position,
                    guint              removed,
                    guint              added,
                    ApStructureEditor *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

/* Adding and removing. */

static void
on_add_clicked_cb (GtkButton         *button,
                   ApStructureEditor *self)
{
  ApEntityKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ap-kind"));
  g_autoptr(GPtrArray) activities = ap_roadmap_dup_sorted (self->plan, AP_ENTITY_ACTIVITY);
  g_autoptr(GError) error = NULL;
  ApEntityFields f = { .recorded_incidents = -1 };

  f.name = kind == AP_ENTITY_PERIOD ? _("New Period") : kind == AP_ENTITY_STEP ? _("New Step")
           : kind == AP_ENTITY_ACTIVITY ? _("New Activity") : kind == AP_ENTITY_STAGE ? _("New Stage")
           : kind == AP_ENTITY_ORGANIZATION ? _("New Organization") : _("New Initiative");
  if (kind == AP_ENTITY_ORGANIZATION || kind == AP_ENTITY_STAGE)
    f.color = "#3584e4";
  /* A new step goes into the last activity: the rightmost column. */
  if (kind == AP_ENTITY_STEP && activities->len > 0)
    f.activity_id = ap_object_get_id (g_ptr_array_index (activities, activities->len - 1));
  if (ap_plan_add_entity (self->plan, kind, &f, G_MAXUINT, &error) <= 0)
    show_error (self, error);
}

static void
on_remove_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       ApStructureEditor *self)
{
  ApEntityKind kind;
  gpointer item = lookup_item (self, GTK_WIDGET (dialog), &kind);
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *others = g_object_get_data (G_OBJECT (dialog), "ap-others");
  guint selected = drop_down != NULL ? gtk_drop_down_get_selected (drop_down) : GTK_INVALID_LIST_POSITION;

  if (item == NULL || g_str_equal (response, "cancel"))
    return;
  if (g_str_equal (response, "move") && selected < others->len)
    ap_structure_editor_remove_with (self, kind, ap_object_get_id (item),
                                     ap_object_get_id (g_ptr_array_index (others, selected)));
  else if (g_str_equal (response, "release"))
    ap_structure_editor_remove_with (self, kind, ap_object_get_id (item), 0);
}

static void
ask_about_cards (ApStructureEditor *self,
                 ApEntityKind       kind,
                 gpointer           item,
                 guint              uses)
{
  g_autoptr(GPtrArray) all = ap_roadmap_dup_sorted (self->plan, kind);
  GPtrArray *others = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gboolean holds_cards = kind == AP_ENTITY_PERIOD || kind == AP_ENTITY_STEP || kind == AP_ENTITY_ACTIVITY;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;

  g_object_get (item, "name", &name, NULL);
  for (guint i = 0; i < all->len; i++)
    if (g_ptr_array_index (all, i) != item)
      {
        g_autofree char *other = NULL;

        g_object_get (g_ptr_array_index (all, i), "name", &other, NULL);
        gtk_string_list_append (names, other);
        g_ptr_array_add (others, g_object_ref (g_ptr_array_index (all, i)));
      }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Remove “%s”?"), name);
  adw_message_dialog_format_body (dialog, ngettext ("%u card uses it. Move its card to another one, or %s.",
                                                    "%u cards use it. Move its cards to another one, or %s.", uses),
                                  uses, holds_cards ? _("delete the cards with it") : _("remove it from the cards"));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "release", holds_cards ? _("_Delete the Cards") : _("_Remove from the Cards"));
  adw_message_dialog_set_response_appearance (dialog, "release", ADW_RESPONSE_DESTRUCTIVE);
  /* An activity's cards cannot move with it (the core refuses); they go or stay. */
  if (others->len > 0 && kind != AP_ENTITY_ACTIVITY)
    {
      adw_message_dialog_add_response (dialog, "move", _("_Move"));
      adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "move");
      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Move the cards to"), -1);
      adw_message_dialog_set_extra_child (dialog, drop_down);
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  tag (GTK_WIDGET (dialog), kind, ap_object_get_id (item));
  g_object_set_data_full (G_OBJECT (dialog), "ap-others", others, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Set-up. */

static void
ap_structure_editor_dispose (GObject *object)
{
  ApStructureEditor *self = AP_STRUCTURE_EDITOR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->plan != NULL)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      g_signal_handlers_disconnect_by_func (get_list (self->plan, kinds[k].kind), on_list_changed_cb, self);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_clear_pointer (&self->rows[k], g_ptr_array_unref);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (ap_structure_editor_parent_class)->dispose (object);
}

static void
ap_structure_editor_class_init (ApStructureEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ap_structure_editor_dispose;
}

static void
ap_structure_editor_init (ApStructureEditor *self)
{
  AdwPreferencesPage *page = NULL;
  const char *page_name = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("Roadmap Structure"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

      if (g_strcmp0 (page_name, kinds[k].page) != 0)
        {
          page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
          adw_preferences_page_set_name (page, kinds[k].page);
          adw_preferences_page_set_title (page, k <= 1 ? _("Activities & Steps") : _(kinds[k].title));
          adw_preferences_page_set_icon_name (page, kinds[k].icon);
          adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
          page_name = kinds[k].page;
        }
      self->groups[k] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      self->rows[k] = g_ptr_array_new ();
      adw_preferences_group_set_title (self->groups[k], _(kinds[k].title));
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_tooltip_text (add, _("Add"));
      g_object_set_data (G_OBJECT (add), "ap-kind", GUINT_TO_POINTER (kinds[k].kind));
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), self);
      adw_preferences_group_set_header_suffix (self->groups[k], add);
      adw_preferences_page_add (page, self->groups[k]);
    }
}

/* Public API. */

ApStructureEditor *
ap_structure_editor_new (GtkWindow *parent,
                         ApPlan    *plan)
{
  ApStructureEditor *self;

  g_return_val_if_fail (AP_IS_PLAN (plan), NULL);

  self = g_object_new (AP_TYPE_STRUCTURE_EDITOR, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_signal_connect (get_list (plan, kinds[k].kind), "items-changed", G_CALLBACK (on_list_changed_cb), self);
  rebuild (self);
  return self;
}

/**
 * ap_structure_editor_remove:
 *
 * Removes an entity; if cards use it, asks first what becomes of them.
 */
void
ap_structure_editor_remove (ApStructureEditor *self,
                            ApEntityKind       kind,
                            gint64             id)
{
  gpointer item;
  guint uses;

  g_return_if_fail (AP_IS_STRUCTURE_EDITOR (self));

  item = ap_row_list_lookup (get_list (self->plan, kind), id);
  if (item == NULL)
    return;
  uses = ap_plan_count_entity_uses (self->plan, kind, id);
  if (uses > 0)
    ask_about_cards (self, kind, item, uses);
  else
    ap_structure_editor_remove_with (self, kind, id, 0);
}

/**
 * ap_structure_editor_remove_with:
 * @replacement_id: where its cards go (or what they refer to instead), or 0
 *
 * Removes an entity with one command; a refusal is shown as a toast.
 *
 * Returns: whether it was removed
 */
gboolean
ap_structure_editor_remove_with (ApStructureEditor *self,
                                 ApEntityKind       kind,
                                 gint64             id,
                                 gint64             replacement_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (AP_IS_STRUCTURE_EDITOR (self), FALSE);

  if (ap_plan_remove_entity (self->plan, kind, id, replacement_id, &error))
    return TRUE;
  show_error (self, error);
  return FALSE;
}
