/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ap-window-private.h"

/* The recent plans: a GSettings list of URIs, newest first, shown in the primary menu
 * of every window (the plan a window shows is left out of its own menu). */

/* The menu shows the ten most recent plans, as GNOME apps do. */
#define RECENT_MAX 10

void
ap_window_save_recent (GSettings  *settings,
                       const char *uri,
                       gboolean    add)
{
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-plans");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 0;

  if (add)
    {
      g_strv_builder_add (builder, uri);
      n++;
    }
  for (guint i = 0; old[i] != NULL && n < RECENT_MAX; i++)
    if (!g_str_equal (old[i], uri))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-plans", (const char * const *) recent);
}

void
ap_window_rebuild_recent_menu (ApWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-plans");
  const char *current = self->plan != NULL ? ap_plan_get_path (self->plan) : NULL;
  g_autofree char *current_uri = current != NULL ? g_filename_to_uri (current, NULL, NULL) : NULL;
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);
      const char *path = g_file_peek_path (file);
      g_autofree char *name = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      /* The plan shown here is one click away already. */
      if (g_strcmp0 (recent[i], current_uri) == 0 || path == NULL)
        continue;
      name = g_filename_display_basename (path);
      if (g_str_has_suffix (name, ".archplan"))
        name[strlen (name) - strlen (".archplan")] = '\0';
      /* Menu labels take "_" as a mnemonic mark; a file name means it literally. */
      parts = g_strsplit (name, "_", -1);
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_section, item);
      n++;
    }
  if (n == 0)
    g_menu_append (self->recent_section, _("No Recent Plans"), "win.no-recent");
}

/**
 * ap_window_forget_recent:
 * @path: a plan file
 *
 * Removes @path from the recent plans, e.g. after it turned out to be gone.
 */
void
ap_window_forget_recent (const char *path)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  if (uri != NULL)
    ap_window_save_recent (settings, uri, FALSE);
}
