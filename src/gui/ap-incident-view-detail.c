/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ap-incident-view-private.h"

/* The detail pane: the selected incident's description, its anecdotes as a dated
 * timeline, its tickets (links through the plan's ticket URL template) and the
 * roadmap cards that address it or its category. Rebuilt whole when the selection or
 * the plan changes: it holds a handful of widgets. */

/**
 * ap_incident_format_date:
 *
 * "2021-08-05" → "5 Aug 2021", "2021-08" → "Aug 2021", "2021" → "2021", with a "~"
 * in front when the date is approximate.
 */
char *
ap_incident_format_date (const char *date,
                         gboolean    approximate)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;
  int y = 0, m = 1, d = 1;
  gsize len = date != NULL ? strlen (date) : 0;

  if (!ap_is_anecdote_date (date))
    return g_strdup (date != NULL ? date : _("Undated"));
  y = atoi (date);
  if (len >= 7)
    m = atoi (date + 5);
  if (len == 10)
    d = atoi (date + 8);
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return g_strdup (date);
  /* Translators: date formats for anecdotes: day, month or year precision. */
  text = g_date_time_format (dt, len == 10 ? _("%-d %b %Y") : len == 7 ? _("%b %Y") : "%Y");
  return approximate ? g_strconcat ("~", text, NULL) : g_steal_pointer (&text);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), css_class == NULL || g_str_equal (css_class, "body"));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  return button;
}

/* A section heading with an Add button. */
static void
append_heading (ApIncidentView *self,
                const char     *title,
                const char     *add_tooltip,
                GCallback       add_cb)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = label_new (title, "heading");

  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);
  if (add_cb != NULL)
    {
      GtkWidget *add = icon_button ("list-add-symbolic", add_tooltip);
      g_signal_connect_swapped (add, "clicked", add_cb, self);
      gtk_box_append (GTK_BOX (row), add);
    }
  gtk_widget_set_margin_top (row, 6);
  gtk_box_append (self->detail_box, row);
}

static const ApIncidentDetail *
detail_of (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "detail");
}

static void
on_add_anecdote_cb (ApIncidentView *self)
{
  ap_incident_editor_edit_anecdote (self, self->detail_id, NULL);
}

static void
on_add_ticket_cb (ApIncidentView *self)
{
  ap_incident_editor_edit_ticket (self, self->detail_id, NULL);
}

static void
on_edit_anecdote_cb (GtkWidget      *button,
                     ApIncidentView *self)
{
  ap_incident_editor_edit_anecdote (self, self->detail_id, detail_of (button));
}

static void
on_edit_ticket_cb (GtkWidget      *button,
                   ApIncidentView *self)
{
  ap_incident_editor_edit_ticket (self, self->detail_id, detail_of (button));
}

static void
on_delete_anecdote_cb (GtkWidget      *button,
                       ApIncidentView *self)
{
  g_autoptr(GError) error = NULL;

  if (!ap_plan_delete_anecdote (self->plan, detail_of (button)->id, &error))
    ap_incident_view_show_error (self, error);
  else
    ap_incident_view_deleted_toast (self, _("Anecdote deleted"));
}

static void
on_delete_ticket_cb (GtkWidget      *button,
                     ApIncidentView *self)
{
  g_autoptr(GError) error = NULL;

  if (!ap_plan_delete_ticket (self->plan, detail_of (button)->id, &error))
    ap_incident_view_show_error (self, error);
  else
    ap_incident_view_deleted_toast (self, _("Ticket deleted"));
}

/* Edit and delete buttons for an anecdote or ticket row; the row owns @detail. */
static void
append_row_buttons (ApIncidentView   *self,
                    GtkWidget        *row,
                    ApIncidentDetail *detail,
                    const char       *edit_tooltip,
                    const char       *delete_tooltip,
                    GCallback         edit_cb,
                    GCallback         delete_cb)
{
  GtkWidget *edit = icon_button ("document-edit-symbolic", edit_tooltip);
  GtkWidget *del = icon_button ("user-trash-symbolic", delete_tooltip);

  g_object_set_data_full (G_OBJECT (row), "detail", detail, (GDestroyNotify) ap_incident_detail_free);
  g_object_set_data (G_OBJECT (edit), "detail", detail);
  g_object_set_data (G_OBJECT (del), "detail", detail);
  g_signal_connect (edit, "clicked", edit_cb, self);
  g_signal_connect (del, "clicked", delete_cb, self);
  gtk_box_append (GTK_BOX (row), edit);
  gtk_box_append (GTK_BOX (row), del);
}

static void
append_anecdotes (ApIncidentView *self)
{
  g_autoptr(GPtrArray) anecdotes = ap_plan_list_anecdotes (self->plan, self->detail_id);

  append_heading (self, _("Anecdotes"), _("Add Anecdote"), G_CALLBACK (on_add_anecdote_cb));
  self->n_detail_anecdotes = anecdotes->len;
  if (anecdotes->len == 0)
    gtk_box_append (self->detail_box, label_new (_("No anecdotes yet."), "dim-label"));
  while (anecdotes->len > 0)
    {
      ApIncidentDetail *a = g_ptr_array_steal_index (anecdotes, 0);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *date = ap_incident_format_date (a->date, a->approximate);
      g_autofree char *when = *a->team != '\0' ? g_strdup_printf ("%s — %s", date, a->team) : g_strdup (date);

      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (text), label_new (when, "caption-heading"));
      gtk_box_append (GTK_BOX (text), label_new (a->text, "body"));
      gtk_box_append (GTK_BOX (row), text);
      append_row_buttons (self, row, a, _("Edit Anecdote"), _("Delete Anecdote"),
                          G_CALLBACK (on_edit_anecdote_cb), G_CALLBACK (on_delete_anecdote_cb));
      gtk_box_append (self->detail_box, row);
    }
}

/* The key as a link when the plan has a ticket URL template, plain text otherwise. */
static GtkWidget *
ticket_key_widget (ApIncidentView *self,
                   const char     *key)
{
  const char *template = ap_plan_get_ticket_url_template (self->plan);
  const char *slot = template != NULL ? strstr (template, "%s") : NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  GtkWidget *link;

  if (slot == NULL)
    return label_new (key, NULL);
  escaped = g_uri_escape_string (key, NULL, FALSE);
  uri = g_strdup_printf ("%.*s%s%s", (int) (slot - template), template, escaped, slot + 2);
  link = gtk_link_button_new_with_label (uri, key);
  gtk_widget_set_halign (link, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (link, uri);
  return link;
}

static void
append_tickets (ApIncidentView *self)
{
  g_autoptr(GPtrArray) tickets = ap_plan_list_tickets (self->plan, self->detail_id);

  append_heading (self, _("Tickets"), _("Add Ticket"), G_CALLBACK (on_add_ticket_cb));
  if (tickets->len == 0)
    gtk_box_append (self->detail_box, label_new (_("No tickets."), "dim-label"));
  while (tickets->len > 0)
    {
      ApIncidentDetail *t = g_ptr_array_steal_index (tickets, 0);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (text), ticket_key_widget (self, t->key));
      if (*t->text != '\0')
        gtk_box_append (GTK_BOX (text), label_new (t->text, "dim-label"));
      gtk_box_append (GTK_BOX (row), text);
      append_row_buttons (self, row, t, _("Edit Ticket"), _("Delete Ticket"),
                          G_CALLBACK (on_edit_ticket_cb), G_CALLBACK (on_delete_ticket_cb));
      gtk_box_append (self->detail_box, row);
    }
}

static void
on_card_clicked_cb (GtkButton *button,
                    gpointer   data)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "card-id");

  gtk_widget_activate_action (GTK_WIDGET (button), "win.show-card", "x", id);
}

static void
append_cards (ApIncidentView *self)
{
  g_autoptr(GArray) ids = ap_plan_list_addressing_cards (self->plan, self->detail_id);
  ApRowList *cards = ap_plan_get_cards (self->plan);

  append_heading (self, _("Roadmap Cards"), NULL, NULL);
  if (ids->len == 0)
    gtk_box_append (self->detail_box, label_new (_("No roadmap card addresses this pain yet."), "dim-label"));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      ApCard *card = ap_row_list_lookup (cards, id);
      GtkWidget *button, *label;

      if (card == NULL)
        continue;
      label = label_new (ap_card_get_title (card), NULL);
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Show on the roadmap"));
      g_object_set_data_full (G_OBJECT (button), "card-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_card_clicked_cb), NULL);
      gtk_box_append (self->detail_box, button);
    }
}

static void
append_header (ApIncidentView *self,
               ApIncident     *incident)
{
  ApCategory *category = ap_row_list_lookup (ap_plan_get_categories (self->plan),
                                             ap_incident_get_category_id (incident));
  GtkWidget *title_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = label_new (ap_incident_get_title (incident), "title-2");
  GtkWidget *edit = icon_button ("document-edit-symbolic", _("Edit Incident"));
  GtkWidget *del = icon_button ("user-trash-symbolic", _("Delete Incident"));
  g_autofree char *meta = NULL;
  gint64 n = ap_incident_get_occurrences (incident);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "incidents.edit");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (del), "incidents.delete");
  gtk_box_append (GTK_BOX (title_row), title);
  gtk_box_append (GTK_BOX (title_row), edit);
  gtk_box_append (GTK_BOX (title_row), del);
  gtk_box_append (self->detail_box, title_row);
  if (n >= 0)
    meta = g_strdup_printf (ngettext ("%s · %s · %" PRId64 " occurrence",
                                      "%s · %s · %" PRId64 " occurrences", n),
                            category != NULL ? ap_category_get_name (category) : "",
                            ap_incident_get_status (incident), n);
  else
    meta = g_strdup_printf ("%s · %s", category != NULL ? ap_category_get_name (category) : "",
                            ap_incident_get_status (incident));
  gtk_box_append (self->detail_box, label_new (meta, "dim-label"));
  if (*ap_incident_get_description (incident) != '\0')
    gtk_box_append (self->detail_box, label_new (ap_incident_get_description (incident), "body"));
}

void
ap_incident_view_detail_update (ApIncidentView *self)
{
  GtkWidget *child;
  ApIncident *incident = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);
  self->detail_id = ap_incident_view_get_selected (self);
  self->n_detail_anecdotes = 0;
  if (self->detail_id != 0)
    incident = ap_row_list_lookup (ap_plan_get_incidents (self->plan), self->detail_id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.edit", incident != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.delete", incident != NULL);
  if (incident == NULL)
    {
      GtkWidget *hint = label_new (_("Select an incident to read its anecdotes and tickets."), "dim-label");
      gtk_widget_set_vexpand (hint, TRUE);
      gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
      gtk_label_set_xalign (GTK_LABEL (hint), 0.5);
      gtk_box_append (self->detail_box, hint);
      return;
    }
  append_header (self, incident);
  append_anecdotes (self);
  append_tickets (self);
  append_cards (self);
}

void
ap_incident_view_add_toast (ApIncidentView *self,
                            AdwToast       *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
ap_incident_view_show_error (ApIncidentView *self,
                             const GError   *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  ap_incident_view_add_toast (self, toast);
}

static void
on_undo_clicked_cb (AdwToast       *toast,
                    ApIncidentView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->plan != NULL && !ap_plan_undo (self->plan, &error))
    ap_incident_view_show_error (self, error);
}

void
ap_incident_view_deleted_toast (ApIncidentView *self,
                                const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  ap_incident_view_add_toast (self, toast);
}
