/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-plan-properties"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-plan-properties.h"

/* "Plan Properties": the plan's title, description and ticket URL template, each
 * saved (one undoable command) when the user leaves the field or presses Enter. A
 * refused value (a template without "%s") shows why and is not saved. */

typedef struct
{
  ApPlan    *plan;
  GtkWidget *window;
  GtkWidget *title;
  GtkWidget *description;
  GtkWidget *template;
} Properties;

static void
properties_free (Properties *props)
{
  g_clear_object (&props->plan);
  g_free (props);
}

static void
save (Properties *props)
{
  g_autoptr(GError) error = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (props->title));
  const char *description = gtk_editable_get_text (GTK_EDITABLE (props->description));
  const char *template = gtk_editable_get_text (GTK_EDITABLE (props->template));

  if (g_strcmp0 (title, ap_plan_get_title (props->plan)) == 0 &&
      g_strcmp0 (description, ap_plan_get_description (props->plan)) == 0 &&
      g_strcmp0 (template, ap_plan_get_ticket_url_template (props->plan)) == 0)
    return;
  if (ap_plan_set_info (props->plan, title, description, template, &error))
    {
      gtk_widget_remove_css_class (props->template, "error");
      return;
    }
  gtk_widget_add_css_class (props->template, "error");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (props->window), adw_toast_new (error->message));
}

static GtkWidget *
add_entry_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *text,
               Properties          *props)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_swapped (row, "apply", G_CALLBACK (save), props);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (save), props);
  adw_preferences_group_add (group, row);
  return row;
}

GtkWindow *
ap_plan_properties_present (GtkWindow *parent,
                            ApPlan    *plan)
{
  Properties *props = g_new0 (Properties, 1);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *tickets = adw_preferences_group_new ();

  props->plan = g_object_ref (plan);
  props->window = adw_preferences_window_new ();
  gtk_window_set_title (GTK_WINDOW (props->window), _("Plan Properties"));
  gtk_window_set_transient_for (GTK_WINDOW (props->window), parent);
  gtk_window_set_modal (GTK_WINDOW (props->window), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (props->window), FALSE);
  g_object_set_data_full (G_OBJECT (props->window), "properties", props, (GDestroyNotify) properties_free);

  props->title = add_entry_row (ADW_PREFERENCES_GROUP (group), _("Title"), ap_plan_get_title (plan), props);
  props->description = add_entry_row (ADW_PREFERENCES_GROUP (group), _("Description"),
                                      ap_plan_get_description (plan), props);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (tickets), _("Tickets"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (tickets),
                                         _("The address of a ticket, with %s where its key goes, for example https://example.atlassian.net/browse/%s. Leave it empty to show keys as plain text."));
  props->template = add_entry_row (ADW_PREFERENCES_GROUP (tickets), _("Ticket Address"),
                                   ap_plan_get_ticket_url_template (plan), props);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (tickets));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (props->window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (props->window));
  return GTK_WINDOW (props->window);
}
