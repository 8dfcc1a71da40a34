/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "key-press.h"

#include <gmodule.h>

/* After gtk.h, which says whether GDK has X11. */
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define WAIT_SECONDS 5

typedef int (*FakeKeyEventFunc) (gpointer      display,
                                 unsigned int  keycode,
                                 int           is_press,
                                 unsigned long delay);

static FakeKeyEventFunc fake_key_event;

/* Looks for XTest; without it (not X11, no libXtst) ap_test_keys_skip () skips. */
void
ap_test_keys_init (void)
{
#ifdef GDK_WINDOWING_X11
  GModule *module;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return;
  module = g_module_open ("libXtst.so.6", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    return;
  if (g_module_symbol (module, "XTestFakeKeyEvent", (gpointer *) &fake_key_event))
    g_module_make_resident (module);
  else
    g_module_close (module);
#endif
}

/* Marks the running test skipped and returns TRUE when keys cannot be pressed. */
gboolean
ap_test_keys_skip (void)
{
  if (fake_key_event != NULL)
    return FALSE;
  g_test_skip ("needs an X11 display with the XTest extension (libXtst.so.6)");
  return TRUE;
}

/* Lets GTK handle what is queued, including events on their way from the X server. */
void
ap_test_settle (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  gdk_display_sync (gtk_widget_get_display (widget));
  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

#ifdef GDK_WINDOWING_X11
static void
fake_key (GtkWindow *window,
          guint      keyval,
          gboolean   press)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  g_assert_true (gdk_display_map_keyval (display, keyval, &keys, &n_keys));
  g_assert_cmpint (n_keys, >, 0);
  fake_key_event (gdk_x11_display_get_xdisplay (display), keys[0].keycode, press, 0);
}
#endif

/* Without a window manager nobody gives a new window the keyboard focus; presenting it
 * again once it is on screen makes GDK set the X input focus itself. */
static void
make_active (GtkWindow *window)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  if (gtk_window_is_active (window))
    return;
  gtk_window_present (window);
  ap_test_settle (GTK_WIDGET (window));
  while (!gtk_window_is_active (window) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (gtk_window_is_active (window));
}

/* Presses and releases @keyval in @window, holding Control and Shift as @modifiers
 * asks, then lets GTK handle the events. */
void
ap_test_press_key (GtkWindow       *window,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
#ifdef GDK_WINDOWING_X11
  g_assert_nonnull (fake_key_event);
  g_assert_true ((modifiers & ~(GDK_CONTROL_MASK | GDK_SHIFT_MASK)) == 0);
  make_active (window);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (window, GDK_KEY_Control_L, TRUE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (window, GDK_KEY_Shift_L, TRUE);
  fake_key (window, keyval, TRUE);
  fake_key (window, keyval, FALSE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (window, GDK_KEY_Shift_L, FALSE);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (window, GDK_KEY_Control_L, FALSE);
  ap_test_settle (GTK_WIDGET (window));
#else
  g_assert_not_reached ();
#endif
}
