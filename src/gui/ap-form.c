/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-form"

#include "config.h"

#include "ap-form.h"

/* Puts @field in column 1 of @row with its label, right-aligned, in column 0; the label
 * of a field of several lines (a scrolled text view) sits by its first line. Returns
 * @field. */
GtkWidget *
ap_form_add_field (GtkGrid    *grid,
                   int         row,
                   const char *mnemonic,
                   GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);
  GtkWidget *target = GTK_IS_SCROLLED_WINDOW (field) ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (field))
                                                     : field;

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), target);
  if (GTK_IS_SCROLLED_WINDOW (field))
    {
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_set_margin_top (label, 6);
    }
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return field;
}

GtkWidget *
ap_form_new_entry (const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return entry;
}

/* A word-wrapping text view holding @text, in a scrolled window (returned) of a few
 * lines' height; Tab moves the focus on. */
GtkWidget *
ap_form_new_text_view (const char *text)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text != NULL ? text : "", -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 100);
  gtk_widget_add_css_class (scroller, "card");
  return scroller;
}

/* The text of a GtkTextView, or of the one in a scrolled window from
 * ap_form_new_text_view(). */
char *
ap_form_text_view_get_text (GtkWidget *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (GTK_IS_SCROLLED_WINDOW (view))
    view = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char *
ap_form_rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x", (guint) (rgba->red * 255 + 0.5),
                          (guint) (rgba->green * 255 + 0.5), (guint) (rgba->blue * 255 + 0.5));
}

/* Pango markup of a dot in @color ("#rrggbb" or any CSS colour) at Pango size @size
 * ("large"), or NULL when @color is not a colour. */
char *
ap_form_swatch_markup (const char *color,
                       const char *size)
{
  g_autofree char *hex = NULL;
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    return NULL;
  hex = ap_form_rgba_to_hex (&rgba);
  return g_markup_printf_escaped ("<span foreground=\"%s\" size=\"%s\">●</span>", hex, size);
}
