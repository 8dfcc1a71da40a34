/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ap-form.h"
#include "ap-incident-view-private.h"

/* Managing pain categories: a window listing them, with a form to add or edit one
 * (name, status, notes, colour, recorded incident count) and removal that asks where
 * the category's incidents go. Every change is one undoable plan command. */

typedef struct
{
  ApIncidentView *view;
  gint64          id;          /* 0 when adding */
  GtkWidget      *name, *status, *notes, *color, *recorded;
  GtkWidget      *dropdown;    /* removal: where the incidents go */
  GArray         *ids;         /* the dropdown's category ids; 0 = delete them */
} CategoryForm;

static void
category_form_free (CategoryForm *form)
{
  g_clear_object (&form->view);
  g_clear_pointer (&form->ids, g_array_unref);
  g_free (form);
}

static void
on_category_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CategoryForm     *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  const char *recorded = gtk_editable_get_text (GTK_EDITABLE (form->recorded));
  ApEntityFields fields = { 0 };
  ApPlan *plan = form->view->plan;
  GdkRGBA rgba;
  gboolean ok;

  if (!g_str_equal (response, "save") || plan == NULL)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (form->color), &rgba);
  color = ap_form_rgba_to_hex (&rgba);
  fields.name = gtk_editable_get_text (GTK_EDITABLE (form->name));
  fields.status = gtk_editable_get_text (GTK_EDITABLE (form->status));
  fields.notes = gtk_editable_get_text (GTK_EDITABLE (form->notes));
  fields.color = color;
  fields.recorded_incidents = *recorded != '\0' ? g_ascii_strtoll (recorded, NULL, 10) : -1;
  if (form->id == 0)
    ok = ap_plan_add_entity (plan, AP_ENTITY_CATEGORY, &fields, G_MAXUINT, &error) != 0;
  else
    ok = ap_plan_update_entity (plan, AP_ENTITY_CATEGORY, form->id, &fields, &error);
  if (!ok)
    ap_incident_view_show_error (form->view, error);
}

static void
on_category_changed_cb (GtkWidget        *entry,
                        AdwMessageDialog *dialog)
{
  CategoryForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name))));
  const char *recorded = gtk_editable_get_text (GTK_EDITABLE (form->recorded));
  char *end = NULL;
  gboolean count_ok;

  g_ascii_strtoll (recorded, &end, 10);
  count_ok = *recorded == '\0' || (g_ascii_isdigit (*recorded) && *end == '\0');
  if (count_ok)
    gtk_widget_remove_css_class (form->recorded, "error");
  else
    gtk_widget_add_css_class (form->recorded, "error");
  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0' && count_ok);
}

static void
edit_category (ApIncidentView *self,
               GtkWindow      *parent,
               ApCategory     *category)
{
  CategoryForm *form = g_new0 (CategoryForm, 1);
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *recorded = NULL;
  AdwMessageDialog *dialog;
  GdkRGBA rgba;

  form->view = g_object_ref (self);
  form->id = category != NULL ? ap_object_get_id (AP_OBJECT (category)) : 0;
  if (category != NULL && ap_category_get_recorded_incidents (category) >= 0)
    recorded = g_strdup_printf ("%" G_GINT64_FORMAT, ap_category_get_recorded_incidents (category));
  form->name = ap_form_add_field (GTK_GRID (grid), 0, _("_Name"), ap_form_new_entry (category ? ap_category_get_name (category) : ""));
  form->status = ap_form_add_field (GTK_GRID (grid), 1, _("_Status"), ap_form_new_entry (category ? ap_category_get_status (category) : ""));
  gtk_entry_set_placeholder_text (GTK_ENTRY (form->status), _("For example Progress, Invested, Partial"));
  form->notes = ap_form_add_field (GTK_GRID (grid), 2, _("N_otes"), ap_form_new_entry (category ? ap_category_get_notes (category) : ""));
  form->recorded = ap_form_add_field (GTK_GRID (grid), 3, _("_Recorded incidents"), ap_form_new_entry (recorded));
  gtk_entry_set_placeholder_text (GTK_ENTRY (form->recorded), _("Unknown"));
  form->color = ap_form_add_field (GTK_GRID (grid), 4, _("_Colour"), gtk_color_button_new ());
  gtk_widget_set_halign (form->color, GTK_ALIGN_START);
  if (!gdk_rgba_parse (&rgba, category != NULL ? ap_category_get_color (category) : "#3584e4"))
    gdk_rgba_parse (&rgba, "#3584e4");
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (form->color), &rgba);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, category != NULL ? _("Edit Pain Category")
                                                                                 : _("Add Pain Category"), NULL));
  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) category_form_free);
  g_signal_connect (form->name, "changed", G_CALLBACK (on_category_changed_cb), dialog);
  g_signal_connect (form->recorded, "changed", G_CALLBACK (on_category_changed_cb), dialog);
  on_category_changed_cb (NULL, dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_category_response_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CategoryForm     *form)
{
  g_autoptr(GError) error = NULL;
  gint64 replacement = 0;

  if (!g_str_equal (response, "remove") || form->view->plan == NULL)
    return;
  if (form->dropdown != NULL)
    replacement = g_array_index (form->ids, gint64, gtk_drop_down_get_selected (GTK_DROP_DOWN (form->dropdown)));
  if (!ap_plan_remove_entity (form->view->plan, AP_ENTITY_CATEGORY, form->id, replacement, &error))
    ap_incident_view_show_error (form->view, error);
  else
    ap_incident_view_deleted_toast (form->view, _("Pain category removed"));
}

/* Asks before removing; when incidents belong to the category, asks where they go. */
static void
remove_category (ApIncidentView *self,
                 GtkWindow      *parent,
                 ApCategory     *category)
{
  CategoryForm *form = g_new0 (CategoryForm, 1);
  GListModel *categories = G_LIST_MODEL (ap_plan_get_categories (self->plan));
  AdwMessageDialog *dialog;
  guint n_incidents;
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), ap_category_get_name (category));

  form->view = g_object_ref (self);
  form->id = ap_object_get_id (AP_OBJECT (category));
  form->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  n_incidents = g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_incidents (self->plan))) > 0
                  ? ap_plan_count_entity_uses (self->plan, AP_ENTITY_CATEGORY, form->id) : 0;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));
  if (n_incidents > 0)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      gint64 none = 0;

      adw_message_dialog_set_body (dialog, _("Incidents and roadmap cards refer to this category. Move its incidents to:"));
      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(ApCategory) other = g_list_model_get_item (categories, i);
          gint64 id = ap_object_get_id (AP_OBJECT (other));
          if (id == form->id)
            continue;
          gtk_string_list_append (names, ap_category_get_name (other));
          g_array_append_val (form->ids, id);
        }
      gtk_string_list_append (names, _("Nowhere: delete the incidents too"));
      g_array_append_val (form->ids, none);
      form->dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
      adw_message_dialog_set_extra_child (dialog, form->dropdown);
    }
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) category_form_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_row_edit_cb (GtkWidget *button,
                GtkWindow *window)
{
  ApIncidentView *view = g_object_get_data (G_OBJECT (window), "view");
  ApCategory *category = g_object_get_data (G_OBJECT (button), "category");

  edit_category (view, window, category);
}

static void
on_row_remove_cb (GtkWidget *button,
                  GtkWindow *window)
{
  ApIncidentView *view = g_object_get_data (G_OBJECT (window), "view");
  ApCategory *category = g_object_get_data (G_OBJECT (button), "category");

  remove_category (view, window, category);
}

static GtkWidget *
row_button (GtkWindow  *window,
            ApCategory *category,
            const char *icon,
            const char *tooltip,
            GCallback   callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "category", g_object_ref (category), g_object_unref);
  g_signal_connect (button, "clicked", callback, window);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer window)
{
  ApCategory *category = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *swatch = gtk_label_new ("●");
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>", ap_category_get_color (category));
  g_autofree char *subtitle = NULL;

  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ap_category_get_name (category));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (ap_category_get_recorded_incidents (category) >= 0)
    subtitle = g_strdup_printf (_("%s · %" PRId64 " recorded"), ap_category_get_status (category),
                                ap_category_get_recorded_incidents (category));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : ap_category_get_status (category));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (window, category, "document-edit-symbolic",
                                                               _("Edit Pain Category"), G_CALLBACK (on_row_edit_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (window, category, "user-trash-symbolic",
                                                               _("Remove Pain Category"), G_CALLBACK (on_row_remove_cb)));
  return row;
}

static void
on_add_clicked_cb (GtkButton *button,
                   GtkWindow *window)
{
  edit_category (g_object_get_data (G_OBJECT (window), "view"), window, NULL);
}

void
ap_incident_editor_manage_categories (ApIncidentView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *box, *header, *add, *scroller, *list, *clamp;

  if (self->plan == NULL)
    return;
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Pain Categories"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 560);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (window), "view", g_object_ref (self), g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (add, _("Add Pain Category"));
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), add);
  gtk_box_append (GTK_BOX (box), header);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pain categories"), -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (ap_plan_get_categories (self->plan)),
                           create_row, window, NULL);
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}
