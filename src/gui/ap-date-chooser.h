/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A calendar button for a date field: its popover offers a month calendar, "Clear" and
 * "Use This Date", and ::date-chosen (const char *date: "YYYY-MM-DD", or "" for none)
 * reports the choice. The calendar opens on the field's date when it holds one, else on
 * the default date, else on today. */

#define AP_TYPE_DATE_CHOOSER (ap_date_chooser_get_type ())
G_DECLARE_FINAL_TYPE (ApDateChooser, ap_date_chooser, AP, DATE_CHOOSER, GtkWidget)

GtkWidget *ap_date_chooser_new         (const char    *title,
                                        GtkEditable   *field);
void       ap_date_chooser_set_default (ApDateChooser *self,
                                        const char    *date);
void       ap_date_chooser_choose      (ApDateChooser *self,
                                        const char    *date);
gboolean   ap_date_parse               (const char    *text,
                                        GDate         *date);

G_END_DECLS
