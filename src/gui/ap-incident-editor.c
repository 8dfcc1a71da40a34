/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ap-form.h"
#include "ap-incident-view-private.h"

/* The incident browser's dialogs: an incident, an anecdote, a ticket. Each is an
 * AdwMessageDialog with a small form; Save stays disabled until the input is valid
 * (dates are checked as the user types, with a calendar to pick from), and the plan's
 * command makes the change as one undoable step. */

typedef struct
{
  ApIncidentView *view;
  gint64          incident_id;  /* the incident edited, or the owner of an anecdote/ticket */
  gint64          row_id;       /* the anecdote or ticket edited; 0 when adding */
  GtkWidget      *entries[4];
  GtkWidget      *text_view;
  GtkWidget      *check;
  GtkWidget      *dropdown;
  GArray         *category_ids;
} Form;

static void
form_free (Form *form)
{
  g_clear_object (&form->view);
  g_clear_pointer (&form->category_ids, g_array_unref);
  g_free (form);
}

static const char *
entry_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
on_calendar_day_selected_cb (GtkCalendar *calendar,
                             GtkEntry    *entry)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER)));
}

/* Shows a calendar under @entry, on the entry's date if it has a full one. */
void
ap_incident_editor_attach_calendar (GtkEntry *entry)
{
  GtkWidget *popover = g_object_get_data (G_OBJECT (entry), "calendar-popover");
  GtkWidget *calendar;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (popover == NULL)
    {
      popover = gtk_popover_new ();
      calendar = gtk_calendar_new ();
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      gtk_widget_set_parent (popover, GTK_WIDGET (entry));
      g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected_cb), entry);
      g_object_set_data (G_OBJECT (entry), "calendar-popover", popover);
      g_object_set_data (G_OBJECT (popover), "calendar", calendar);
      g_signal_connect_swapped (entry, "destroy", G_CALLBACK (gtk_widget_unparent), popover);
    }
  calendar = g_object_get_data (G_OBJECT (popover), "calendar");
  if (ap_is_anecdote_date (text) && strlen (text) == 10)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (atoi (text), atoi (text + 5), atoi (text + 8), 0, 0, 0);
      if (dt != NULL)
        {
          g_signal_handlers_block_by_func (calendar, on_calendar_day_selected_cb, entry);
          gtk_calendar_select_day (GTK_CALENDAR (calendar), dt);
          g_signal_handlers_unblock_by_func (calendar, on_calendar_day_selected_cb, entry);
        }
    }
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
on_date_icon_cb (GtkEntry             *entry,
                 GtkEntryIconPosition  position,
                 gpointer              data)
{
  ap_incident_editor_attach_calendar (entry);
}

static AdwMessageDialog *
new_dialog (ApIncidentView *self,
            const char     *heading,
            GtkWidget      *grid)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, NULL));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_size_request (grid, 420, -1);
  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* Incidents. */

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return *copy == '\0';
}

static void
validate_incident_form (GtkWidget        *widget,
                        AdwMessageDialog *dialog)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "form");
  const char *occurrences = entry_text (form->entries[2]);
  char *end = NULL;
  gboolean ok_count;

  g_ascii_strtoll (occurrences, &end, 10);
  ok_count = *occurrences == '\0' || (end != NULL && *end == '\0' && g_ascii_isdigit (*occurrences));
  if (ok_count)
    gtk_widget_remove_css_class (form->entries[2], "error");
  else
    gtk_widget_add_css_class (form->entries[2], "error");
  adw_message_dialog_set_response_enabled (dialog, "save", ok_count && !is_blank (entry_text (form->entries[0])));
}

static void
on_incident_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Form             *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *occurrences;
  guint selected;
  ApIncidentFields fields = { 0 };
  ApPlan *plan = form->view->plan;
  gboolean ok;

  if (!g_str_equal (response, "save") || plan == NULL)
    return;
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (form->dropdown));
  if (selected == GTK_INVALID_LIST_POSITION || selected >= form->category_ids->len)
    return;
  occurrences = entry_text (form->entries[2]);
  description = ap_form_text_view_get_text (form->text_view);
  fields.category_id = g_array_index (form->category_ids, gint64, selected);
  fields.title = entry_text (form->entries[0]);
  fields.status = entry_text (form->entries[1]);
  fields.occurrences = *occurrences != '\0' ? g_ascii_strtoll (occurrences, NULL, 10) : -1;
  fields.description = description;
  if (form->incident_id == 0)
    {
      gint64 id = ap_plan_add_incident (plan, &fields, &error);
      if ((ok = id != 0))
        {
          ap_incident_view_refresh_now (form->view);
          ap_incident_view_select_incident (form->view, id);
        }
    }
  else
    ok = ap_plan_update_incident (plan, form->incident_id, &fields, &error);
  if (!ok)
    ap_incident_view_show_error (form->view, error);
}

static GtkWidget *
category_dropdown (ApIncidentView *self,
                   Form           *form,
                   gint64          selected_id)
{
  GListModel *categories = G_LIST_MODEL (ap_plan_get_categories (self->plan));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  GtkWidget *dropdown;

  form->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(ApCategory) category = g_list_model_get_item (categories, i);
      gint64 id = ap_object_get_id (AP_OBJECT (category));

      gtk_string_list_append (names, ap_category_get_name (category));
      g_array_append_val (form->category_ids, id);
      if (id == selected_id)
        selected = i;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  return dropdown;
}

/* Opens the incident form: @incident_id 0 adds one (in the filtered category, if one). */
void
ap_incident_editor_edit_incident (ApIncidentView *self,
                                  gint64          incident_id)
{
  ApIncident *incident = NULL;
  GtkWidget *grid = gtk_grid_new ();
  Form *form = g_new0 (Form, 1);
  AdwMessageDialog *dialog;
  g_autofree char *count = NULL;
  gint64 category_id = 0;
  guint n_cats;
  const gint64 *cats;

  if (self->plan == NULL)
    return (void) form_free (form);
  if (g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_categories (self->plan))) == 0)
    {
      ap_incident_view_add_toast (self, adw_toast_new (_("Add a pain category first: every incident belongs to one")));
      form_free (form);
      return;
    }
  if (incident_id != 0)
    incident = ap_row_list_lookup (ap_plan_get_incidents (self->plan), incident_id);
  form->view = g_object_ref (self);
  form->incident_id = incident != NULL ? incident_id : 0;
  cats = ap_incident_query_get_categories (self->query, &n_cats);
  category_id = incident != NULL ? ap_incident_get_category_id (incident) : n_cats > 0 ? cats[0] : 0;
  if (incident != NULL && ap_incident_get_occurrences (incident) >= 0)
    count = g_strdup_printf ("%" G_GINT64_FORMAT, ap_incident_get_occurrences (incident));

  form->entries[0] = ap_form_add_field (GTK_GRID (grid), 0, _("_Issue"), ap_form_new_entry (incident ? ap_incident_get_title (incident) : ""));
  form->dropdown = ap_form_add_field (GTK_GRID (grid), 1, _("_Category"), category_dropdown (self, form, category_id));
  form->entries[1] = ap_form_add_field (GTK_GRID (grid), 2, _("_Status"), ap_form_new_entry (incident ? ap_incident_get_status (incident) : _("Open")));
  form->entries[2] = ap_form_add_field (GTK_GRID (grid), 3, _("_Occurrences"), ap_form_new_entry (count));
  gtk_entry_set_placeholder_text (GTK_ENTRY (form->entries[2]), _("Unknown"));
  form->text_view = ap_form_add_field (GTK_GRID (grid), 4, _("_Description"),
                               ap_form_new_text_view (incident ? ap_incident_get_description (incident) : ""));

  dialog = new_dialog (self, incident != NULL ? _("Edit Incident") : _("Add Incident"), grid);
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) form_free);
  for (guint i = 0; i < 3; i++)
    g_signal_connect (form->entries[i], "changed", G_CALLBACK (validate_incident_form), dialog);
  validate_incident_form (NULL, dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_incident_response_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Anecdotes. */

static void
validate_anecdote_form (GtkWidget        *widget,
                        AdwMessageDialog *dialog)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "form");
  const char *date = entry_text (form->entries[0]);
  gboolean date_ok = *date == '\0' || ap_is_anecdote_date (date);
  g_autofree char *text = ap_form_text_view_get_text (form->text_view);

  if (date_ok)
    gtk_widget_remove_css_class (form->entries[0], "error");
  else
    gtk_widget_add_css_class (form->entries[0], "error");
  adw_message_dialog_set_response_enabled (dialog, "save", date_ok && !is_blank (text));
}

static void
on_anecdote_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Form             *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ApAnecdoteFields fields = { 0 };
  gboolean ok;

  if (!g_str_equal (response, "save") || form->view->plan == NULL)
    return;
  text = ap_form_text_view_get_text (form->text_view);
  fields.date = entry_text (form->entries[0]);
  fields.approximate = gtk_check_button_get_active (GTK_CHECK_BUTTON (form->check));
  fields.team = entry_text (form->entries[1]);
  fields.text = text;
  if (form->row_id == 0)
    ok = ap_plan_add_anecdote (form->view->plan, form->incident_id, &fields, &error) != 0;
  else
    ok = ap_plan_update_anecdote (form->view->plan, form->row_id, &fields, &error);
  if (!ok)
    ap_incident_view_show_error (form->view, error);
}

void
ap_incident_editor_edit_anecdote (ApIncidentView         *self,
                                  gint64                  incident_id,
                                  const ApIncidentDetail *anecdote)
{
  GtkWidget *grid = gtk_grid_new ();
  Form *form = g_new0 (Form, 1);
  AdwMessageDialog *dialog;
  GtkWidget *date;

  form->view = g_object_ref (self);
  form->incident_id = incident_id;
  form->row_id = anecdote != NULL ? anecdote->id : 0;
  date = ap_form_new_entry (anecdote != NULL ? anecdote->date : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (date), _("YYYY-MM-DD, YYYY-MM or YYYY"));
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (date), GTK_ENTRY_ICON_SECONDARY, "x-office-calendar-symbolic");
  gtk_entry_set_icon_tooltip_text (GTK_ENTRY (date), GTK_ENTRY_ICON_SECONDARY, _("Pick a date"));
  g_signal_connect (date, "icon-press", G_CALLBACK (on_date_icon_cb), NULL);
  form->entries[0] = ap_form_add_field (GTK_GRID (grid), 0, _("_Date"), date);
  form->check = gtk_check_button_new_with_mnemonic (_("_Approximate date"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (form->check), anecdote != NULL && anecdote->approximate);
  gtk_grid_attach (GTK_GRID (grid), form->check, 1, 1, 1, 1);
  form->entries[1] = ap_form_add_field (GTK_GRID (grid), 2, _("_Team"), ap_form_new_entry (anecdote != NULL ? anecdote->team : ""));
  form->text_view = ap_form_add_field (GTK_GRID (grid), 3, _("_What happened"), ap_form_new_text_view (anecdote != NULL ? anecdote->text : ""));

  dialog = new_dialog (self, anecdote != NULL ? _("Edit Anecdote") : _("Add Anecdote"), grid);
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) form_free);
  g_signal_connect (date, "changed", G_CALLBACK (validate_anecdote_form), dialog);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (form->text_view)), "changed",
                    G_CALLBACK (validate_anecdote_form), dialog);
  validate_anecdote_form (NULL, dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_anecdote_response_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Tickets. */

static void
validate_ticket_form (GtkWidget        *widget,
                      AdwMessageDialog *dialog)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autofree char *key = g_strstrip (g_strdup (entry_text (form->entries[0])));
  gboolean ok = *key != '\0' && strpbrk (key, " \t\n") == NULL;

  adw_message_dialog_set_response_enabled (dialog, "save", ok);
}

static void
on_ticket_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Form             *form)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "save") || form->view->plan == NULL)
    return;
  if (form->row_id == 0)
    ok = ap_plan_add_ticket (form->view->plan, form->incident_id, entry_text (form->entries[0]),
                             entry_text (form->entries[1]), &error) != 0;
  else
    ok = ap_plan_update_ticket (form->view->plan, form->row_id, entry_text (form->entries[0]),
                                entry_text (form->entries[1]), &error);
  if (!ok)
    ap_incident_view_show_error (form->view, error);
}

void
ap_incident_editor_edit_ticket (ApIncidentView         *self,
                                gint64                  incident_id,
                                const ApIncidentDetail *ticket)
{
  GtkWidget *grid = gtk_grid_new ();
  Form *form = g_new0 (Form, 1);
  AdwMessageDialog *dialog;

  form->view = g_object_ref (self);
  form->incident_id = incident_id;
  form->row_id = ticket != NULL ? ticket->id : 0;
  form->entries[0] = ap_form_add_field (GTK_GRID (grid), 0, _("_Key"), ap_form_new_entry (ticket != NULL ? ticket->key : ""));
  gtk_entry_set_placeholder_text (GTK_ENTRY (form->entries[0]), _("For example OPS-123"));
  form->entries[1] = ap_form_add_field (GTK_GRID (grid), 1, _("_Note"), ap_form_new_entry (ticket != NULL ? ticket->text : ""));

  dialog = new_dialog (self, ticket != NULL ? _("Edit Ticket") : _("Add Ticket"), grid);
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) form_free);
  g_signal_connect (form->entries[0], "changed", G_CALLBACK (validate_ticket_form), dialog);
  validate_ticket_form (NULL, dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_ticket_response_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
}
