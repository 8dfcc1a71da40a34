/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ap-application.h"
#include "ap-plan.h"
#include "ap-window.h"

/* ApApplication owns the app-wide actions and decides which window shows which plan.
 * It is non-unique on purpose: every process works on its own plans, so tests and two
 * plans opened from the command line never talk to each other over D-Bus. */

struct _ApApplication
{
  AdwApplication        parent_instance;

  /* The chooser of app.new or app.open while it is shown, so that a second request
   * presents it instead of stacking choosers. */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ApApplication, ap_application, ADW_TYPE_APPLICATION)

/* A plan is a SQLite file with companions; replacing one means removing them all, or
 * SQLite would replay a stale journal into the new, empty plan. */
static const char * const sqlite_suffixes[] = { "", "-wal", "-shm", "-journal" };

static GtkWindow *
find_window_for_file (ApApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      ApPlan *plan;
      const char *path;

      if (!AP_IS_WINDOW (l->data))
        continue;
      plan = ap_window_get_plan (AP_WINDOW (l->data));
      path = plan != NULL ? ap_plan_get_path (plan) : NULL;
      if (path != NULL)
        {
          g_autoptr(GFile) open_file = g_file_new_for_path (path);

          if (g_file_equal (open_file, file))
            return GTK_WINDOW (l->data);
        }
    }
  return NULL;
}

/* Shows @error about @file in @parent, or in a window of its own when the failure
 * happened before any window existed (a bad path on the command line). */
static void
show_open_error (ApApplication *self,
                 GtkWindow     *parent,
                 const char    *heading,
                 const GError  *error)
{
  GtkWindow *dialog;

  if (parent != NULL && AP_IS_WINDOW (parent))
    {
      ap_window_show_error (AP_WINDOW (parent), heading, error);
      return;
    }

  g_printerr ("%s: %s\n", heading, error->message);
  dialog = ap_window_new_error_dialog (parent, heading, error);
  /* Added to the application, the dialog keeps the process alive until it is read. */
  gtk_window_set_application (dialog, GTK_APPLICATION (self));
  gtk_window_present (dialog);
}

static GtkWindow *
open_plan_in_new_window (ApApplication   *self,
                         const char      *path,
                         ApPlanOpenFlags  flags,
                         GtkWindow       *parent)
{
  g_autoptr(GError) error = NULL;
  /* The window opens at once and checks the file's integrity in the background. */
  g_autoptr(ApPlan) plan = ap_plan_open (path, flags | AP_PLAN_OPEN_DEFER_CHECK, &error);
  ApWindow *window;

  if (plan == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      show_open_error (self, parent, heading, error);
      if (g_error_matches (error, AP_STORE_ERROR, AP_STORE_ERROR_NOT_FOUND))
        ap_window_forget_recent (path);
      return NULL;
    }

  window = ap_window_new (GTK_APPLICATION (self), plan);
  gtk_window_present (GTK_WINDOW (window));
  ap_window_verify_plan (window);
  return GTK_WINDOW (window);
}

/* A plan is never open twice in one process: two windows would keep two undo
 * histories of the same rows, so the window that has it is presented instead. */
static GtkWindow *
open_file (ApApplication   *self,
           GFile           *file,
           ApPlanOpenFlags  flags,
           GtkWindow       *parent)
{
  GtkWindow *window;
  g_autofree char *path = NULL;

  if ((window = find_window_for_file (self, file)) != NULL)
    {
      gtk_window_present (window);
      return window;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), uri);
      g_autoptr(GError) error = NULL;

      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Plans can only be opened from local folders."));

      show_open_error (self, parent, heading, error);
      return NULL;
    }
  return open_plan_in_new_window (self, path, flags, parent);
}

static void
remove_plan_files (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, sqlite_suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
on_new_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            ApApplication   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (find_window_for_file (self, file) != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The plan is open in a window. Close that window first, "
                             "or choose another name."));
      show_open_error (self, parent, _("Could not replace the plan"), error);
      return;
    }
  /* The chooser has already asked whether to replace an existing file. */
  remove_plan_files (path);
  open_plan_in_new_window (self, path, AP_PLAN_OPEN_CREATE, parent);
}

static void
on_open_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             ApApplication   *self)
{
  g_autoptr(GFile) file = NULL;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ap_application_open_file (self, file, parent);
}

static GtkFileFilter *
new_plan_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Archplan Plans"));
  gtk_file_filter_add_mime_type (filter, "application/x-archplan");
  gtk_file_filter_add_suffix (filter, "archplan");
  return filter;
}

static void
run_chooser (ApApplication        *self,
             GtkFileChooserNative *chooser,
             GCallback             response_cb)
{
  g_autoptr(GtkFileFilter) filter = new_plan_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", response_cb, self);
  self->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* One file chooser at a time: asked again, the one already open comes to the front. */
static gboolean
show_open_chooser (ApApplication *self)
{
  if (self->chooser == NULL)
    return FALSE;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  return TRUE;
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  ApApplication *self = AP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;

  if (show_open_chooser (self))
    return;
  chooser = gtk_file_chooser_native_new (_("New Plan"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Create"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("New Plan.archplan"));
  run_chooser (self, chooser, G_CALLBACK (on_new_chooser_response_cb));
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ApApplication *self = AP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;

  if (show_open_chooser (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Open Plan"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  run_chooser (self, chooser, G_CALLBACK (on_open_chooser_response_cb));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ApApplication *self = AP_APPLICATION (user_data);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  ap_application_open_file (self, file,
                            gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));
  g_autoptr(GList) copy = g_list_copy (windows);

  /* Closing (not destroying) lets every window save its size and view; the
   * application ends by itself when the last one is gone. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Archplan developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Archplan"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Archplan developers"),
                        "developers", developers,
                        "comments", _("Plan a software architecture roadmap, track the "
                                      "engineering pain it addresses and chart it."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* GtkApplication already gives every window win.show-help-overlay (with Ctrl+?) once
 * it finds gtk/help-overlay.ui in the resources; app.shortcuts reaches it from places
 * that have no window in their action scope. */
static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
};

static void
ap_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.import-json", { "<Control>i", NULL } },
    { "win.export-json", { "<Control>e", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.view::roadmap", { "<Alt>1", NULL } },
    { "win.view::incidents", { "<Alt>2", NULL } },
    { "win.view::charts", { "<Alt>3", NULL } },
  };

  G_APPLICATION_CLASS (ap_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
ap_application_activate (GApplication *application)
{
  ApApplication *self = AP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* On first start the user meets the sample plan rather than an empty page. */
  path = ap_plan_get_default_path ();
  dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0700);
  open_plan_in_new_window (self, path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, NULL);
}

static void
ap_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  ApApplication *self = AP_APPLICATION (application);

  /* A plan named on the command line that does not exist yet is created, empty, as
   * an editor creates a new document under the name it was given. */
  for (int i = 0; i < n_files; i++)
    open_file (self, files[i], AP_PLAN_OPEN_CREATE,
               gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
ap_application_dispose (GObject *object)
{
  ApApplication *self = AP_APPLICATION (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (ap_application_parent_class)->dispose (object);
}

static void
ap_application_class_init (ApApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ap_application_dispose;
  app_class->startup = ap_application_startup;
  app_class->activate = ap_application_activate;
  app_class->open = ap_application_open;
}

static void
ap_application_init (ApApplication *self)
{
}

ApApplication *
ap_application_new (void)
{
  return g_object_new (AP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * ap_application_open_file:
 * @self: the application
 * @file: an existing plan file
 * @parent: (nullable): the window to show errors in
 *
 * Presents the window that already shows @file, or opens @file in a new window.
 *
 * Returns: (transfer none) (nullable): the window, or %NULL when the plan could not
 *   be opened (the error has been shown).
 */
GtkWindow *
ap_application_open_file (ApApplication *self,
                          GFile         *file,
                          GtkWindow     *parent)
{
  g_return_val_if_fail (AP_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return open_file (self, file, AP_PLAN_OPEN_DEFAULT, parent);
}
