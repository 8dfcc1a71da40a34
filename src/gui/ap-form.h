/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the app's dialogs build their forms from: a labelled field in a grid, an entry
 * that activates the dialog's default response, a scrolled text view, and a colour as
 * the "#rrggbb" the plan stores. */

GtkWidget *ap_form_add_field     (GtkGrid       *grid,
                                  int            row,
                                  const char    *mnemonic,
                                  GtkWidget     *field);
GtkWidget *ap_form_new_entry     (const char    *text);
GtkWidget *ap_form_new_text_view (const char    *text);
char      *ap_form_text_view_get_text (GtkWidget *view);
char      *ap_form_rgba_to_hex   (const GdkRGBA *rgba);
char      *ap_form_swatch_markup (const char    *color,
                                  const char    *size);

G_END_DECLS
