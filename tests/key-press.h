/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Real key presses for widget tests, sent through the X server with XTest. Shortcuts
 * that the window dispatches (managed scope, application accelerators) run only for
 * events that really come from the display: emitting signals by hand skips exactly
 * that. libXtst is loaded at run time, so the build needs no libxtst-dev: the library
 * comes with at-spi2-core, which GTK's accessibility pulls in.
 *
 * XTest types into whatever window has the X keyboard focus: a test that presses keys
 * must not run beside another test's windows on the same display (is_parallel: false
 * in tests/meson.build). */

void     ap_test_keys_init  (void);
gboolean ap_test_keys_skip  (void);
void     ap_test_settle     (GtkWidget       *widget);
void     ap_test_press_key  (GtkWindow       *window,
                             guint            keyval,
                             GdkModifierType  modifiers);

G_END_DECLS
