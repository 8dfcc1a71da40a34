/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-date-chooser"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ap-date-chooser.h"

struct _ApDateChooser
{
  GtkWidget    parent_instance;

  GtkWidget   *button;
  GtkCalendar *calendar;
  GtkEditable *field;         /* weak: the entry whose date the calendar shows */
  char        *default_date;
};

G_DEFINE_FINAL_TYPE (ApDateChooser, ap_date_chooser, GTK_TYPE_WIDGET)

enum {
  DATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_day_selected_cb (GtkCalendar   *calendar,
                    ApDateChooser *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  ap_date_chooser_choose (self, text);
}

/* Clicking the day the calendar already shows selects nothing new; this button takes it. */
static void
on_use_clicked_cb (GtkButton     *button,
                   ApDateChooser *self)
{
  on_day_selected_cb (self->calendar, self);
}

static void
on_clear_clicked_cb (GtkButton     *button,
                     ApDateChooser *self)
{
  ap_date_chooser_choose (self, "");
}

static void
on_popover_show_cb (GtkPopover    *popover,
                    ApDateChooser *self)
{
  g_autoptr(GDateTime) date = NULL;
  GDate d;

  if ((self->field != NULL && ap_date_parse (gtk_editable_get_text (self->field), &d)) ||
      ap_date_parse (self->default_date, &d))
    date = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), 0, 0, 0);
  else
    date = g_date_time_new_now_local ();
  /* Showing a date is not choosing one: GtkCalendar reports both alike. */
  g_signal_handlers_block_by_func (self->calendar, on_day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, date);
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected_cb, self);
}

static void
ap_date_chooser_dispose (GObject *object)
{
  ApDateChooser *self = AP_DATE_CHOOSER (object);

  g_clear_weak_pointer (&self->field);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_pointer (&self->default_date, g_free);

  G_OBJECT_CLASS (ap_date_chooser_parent_class)->dispose (object);
}

static void
ap_date_chooser_class_init (ApDateChooserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ap_date_chooser_dispose;

  signals[DATE_CHOSEN] = g_signal_new ("date-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ap_date_chooser_init (ApDateChooser *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear"));
  GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use This Date"));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (use, TRUE);
  gtk_widget_set_halign (use, GTK_ALIGN_END);
  gtk_widget_add_css_class (use, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), clear);
  gtk_box_append (GTK_BOX (buttons), use);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  g_signal_connect (popover, "show", G_CALLBACK (on_popover_show_cb), self);
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect (use, "clicked", G_CALLBACK (on_use_clicked_cb), self);
  g_signal_connect (clear, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
}

/**
 * ap_date_chooser_new:
 * @title: what the date is, e.g. "Start Date"
 * @field: (nullable): the entry that holds the date as text
 */
GtkWidget *
ap_date_chooser_new (const char  *title,
                     GtkEditable *field)
{
  ApDateChooser *self = g_object_new (AP_TYPE_DATE_CHOOSER, NULL);
  g_autofree char *tooltip = g_strdup_printf (_("Choose the %s"), title);

  g_set_weak_pointer (&self->field, field);
  gtk_widget_set_tooltip_text (self->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return GTK_WIDGET (self);
}

/* The date the calendar opens on when the field holds none (a period's other date). */
void
ap_date_chooser_set_default (ApDateChooser *self,
                             const char    *date)
{
  g_return_if_fail (AP_IS_DATE_CHOOSER (self));

  g_free (self->default_date);
  self->default_date = g_strdup (date);
}

/* Closes the popover and reports @date ("" for none) as chosen. */
void
ap_date_chooser_choose (ApDateChooser *self,
                        const char    *date)
{
  g_return_if_fail (AP_IS_DATE_CHOOSER (self));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  g_signal_emit (self, signals[DATE_CHOSEN], 0, date != NULL ? date : "");
}

/* Whether @text is a real date written as YYYY-MM-DD, which is what the plan stores. */
gboolean
ap_date_parse (const char *text,
               GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (date != NULL)
    g_date_set_dmy (date, d, m, y);
  return TRUE;
}
