/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ap-plan-properties.h"
#include "ap-window-private.h"

/* One window shows one plan. Its actions are the plan's file operations (save as,
 * JSON import and export) and undo/redo; the views live in ap-window-views.c. */

G_DEFINE_FINAL_TYPE (ApWindow, ap_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef void (*JobFunc) (ApWindow   *self,
                         const char *path);

typedef struct
{
  ApWindow *self;
  JobFunc   func;
  char     *path;
} Job;

static void
on_settings_recent_changed_cb (GSettings  *settings,
                               const char *key,
                               ApWindow   *self)
{
  ap_window_rebuild_recent_menu (self);
}

/* Plan state. */

static char *
dup_display_name (ApWindow *self)
{
  const char *path = self->plan != NULL ? ap_plan_get_path (self->plan) : NULL;

  return path != NULL ? g_filename_display_basename (path) : g_strdup (_("Unsaved Plan"));
}

static void
update_title (ApWindow *self)
{
  const char *title = self->plan != NULL ? ap_plan_get_title (self->plan) : NULL;
  g_autofree char *file_name = dup_display_name (self);
  g_autofree char *fallback = NULL;

  /* A new plan has no title yet; its file name says which plan this is. */
  if (title == NULL || *title == '\0')
    {
      fallback = g_strdup (file_name);
      if (g_str_has_suffix (fallback, ".archplan"))
        fallback[strlen (fallback) - strlen (".archplan")] = '\0';
      title = fallback;
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, file_name);
}

static void
update_undo_actions (ApWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.undo",
                                 self->plan != NULL && ap_plan_can_undo (self->plan));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 self->plan != NULL && ap_plan_can_redo (self->plan));
}

static void
on_plan_title_cb (ApPlan     *plan,
                  GParamSpec *pspec,
                  ApWindow   *self)
{
  update_title (self);
}

static void
on_plan_undo_cb (ApPlan     *plan,
                 GParamSpec *pspec,
                 ApWindow   *self)
{
  update_undo_actions (self);
}

/* Suggested file names come from the plan's title, without characters that folders
 * refuse. */
static char *
suggest_file_name (ApWindow   *self,
                   const char *suffix)
{
  const char *title = self->plan != NULL ? ap_plan_get_title (self->plan) : NULL;
  g_autofree char *base = g_strdup (title != NULL && *title != '\0' ? title : _("Plan"));

  g_strdelimit (base, "/\\:", '-');
  return g_strconcat (g_strstrip (base), suffix, NULL);
}

/* Busy work. SQLite's connection stays on the main thread, so long work blocks it;
 * the window shows that it is busy first and starts the work after that frame. */

static void
set_busy (ApWindow *self,
          gboolean  busy)
{
  self->busy_count += busy ? 1 : -1;
  busy = self->busy_count > 0;
  /* A job let go while the window is being destroyed has no spinner left to stop. */
  if (self->disposed)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), busy ? "wait" : NULL);
}

static void
job_clear (gpointer data)
{
  Job *job = data;

  set_busy (job->self, FALSE);
  g_object_unref (job->self);
  g_free (job->path);
}

static void
job_release (gpointer job)
{
  g_rc_box_release_full (job, job_clear);
}

static gboolean
job_run_cb (gpointer user_data)
{
  Job *job = user_data;

  job->func (job->self, job->path);
  return G_SOURCE_REMOVE;
}

static gboolean
job_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  /* This frame paints the spinner; a low-priority idle runs after it. */
  g_idle_add_full (G_PRIORITY_LOW, job_run_cb, g_rc_box_acquire (user_data), job_release);
  return G_SOURCE_REMOVE;
}

static void
run_busy (ApWindow   *self,
          JobFunc     func,
          const char *path)
{
  Job *job = g_rc_box_new0 (Job);

  job->self = g_object_ref (self);
  job->func = func;
  job->path = g_strdup (path);
  set_busy (self, TRUE);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      gtk_widget_add_tick_callback (GTK_WIDGET (self), job_tick_cb, job, job_release);
      return;
    }
  job_run_cb (job);
  job_release (job);
}

/* File choosers. */

static GtkFileFilter *
new_filter (const char *name,
            const char *mime_type,
            const char *suffix)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  return filter;
}

static void
run_chooser (ApWindow             *self,
             GtkFileChooserNative *chooser,
             GtkFileFilter        *filter,
             GCallback             response_cb)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", response_cb, self);
  self->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Returns the chosen path, or NULL when the chooser was cancelled; ends the chooser. */
static char *
finish_chooser (ApWindow *self,
                int       response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  return file != NULL ? g_file_get_path (file) : NULL;
}

/* Save As. */

/* Save As must not replace a plan that another window has open under its feet. */
static gboolean
is_open_elsewhere (ApWindow   *self,
                   const char *path)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GFile) file = g_file_new_for_path (path);

  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    {
      ApPlan *plan = AP_IS_WINDOW (l->data) ? AP_WINDOW (l->data)->plan : NULL;
      const char *open_path = plan != NULL ? ap_plan_get_path (plan) : NULL;
      g_autoptr(GFile) open_file = open_path != NULL ? g_file_new_for_path (open_path) : NULL;

      if (open_file != NULL && g_file_equal (open_file, file))
        return TRUE;
    }
  return FALSE;
}

static void
on_save_as_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        ApWindow        *self)
{
  g_autofree char *path = finish_chooser (self, response);

  if (path != NULL)
    ap_window_save_as (self, path);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = suggest_file_name (self, ".archplan");

  chooser = gtk_file_chooser_native_new (_("Save Plan As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  run_chooser (self, chooser,
               new_filter (_("Archplan Plans"), "application/x-archplan", "archplan"),
               G_CALLBACK (on_save_as_response_cb));
}

/* Import. */

static void
import_job (ApWindow   *self,
            const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->plan == NULL)
    return;
  if (!ap_plan_import_json_file (self->plan, path, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could not import “%s”"), name);

      ap_window_show_error (self, heading, error);
      return;
    }
  toast = ap_window_new_toast (_("Imported %s"), name);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  ap_window_add_toast (self, toast);
}

static void
on_import_confirm_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               ApWindow         *self)
{
  g_autofree char *path = g_steal_pointer (&self->import_path);

  if (path != NULL && g_str_equal (response, "replace"))
    run_busy (self, import_job, path);
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       ApWindow        *self)
{
  g_autofree char *path = finish_chooser (self, response);

  if (path != NULL)
    ap_window_import_json (self, path);
}


static void
import_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import JSON Snapshot"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  run_chooser (self, chooser, new_filter (_("JSON Snapshots"), "application/json", "json"),
               G_CALLBACK (on_import_response_cb));
}

/* Export. */

static void
export_job (ApWindow   *self,
            const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  if (!ap_plan_export_json_file (self->plan, path, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could not export to “%s”"), name);

      ap_window_show_error (self, heading, error);
      return;
    }
  ap_window_add_toast (self, ap_window_new_toast (_("Exported to %s"), name));
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       ApWindow        *self)
{
  g_autofree char *path = finish_chooser (self, response);

  if (path != NULL)
    ap_window_export_json (self, path);
}

static void
export_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = suggest_file_name (self, ".json");

  chooser = gtk_file_chooser_native_new (_("Export JSON Snapshot"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  run_chooser (self, chooser, new_filter (_("JSON Snapshots"), "application/json", "json"),
               G_CALLBACK (on_export_response_cb));
}

/* Undo, redo and views. */

static void
undo_redo (ApWindow *self,
           gboolean  redo)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->plan == NULL)
    return;
  done = redo ? ap_plan_redo (self->plan, &error) : ap_plan_undo (self->plan, &error);
  if (!done && !g_error_matches (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOTHING_TO_UNDO))
    ap_window_add_toast (self, ap_window_new_toast ("%s", error->message));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (AP_WINDOW (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (AP_WINDOW (widget), TRUE);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (name != NULL && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* Shows a card on the roadmap, as asked by other pages (an incident's detail pane). */
static void
show_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "roadmap");
  ap_roadmap_view_show_card (self->roadmap_view, g_variant_get_int64 (parameter));
}

/* Shows the incidents of one pain category, as asked by the charts. */
static void
show_category_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "incidents");
  ap_incident_view_set_category_filter (self->incident_view, g_variant_get_int64 (parameter));
}

static void
export_incidents_csv_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->incident_view), "incidents.export-csv", NULL);
}

static void
plan_properties_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ApWindow *self = AP_WINDOW (widget);

  if (self->plan != NULL)
    ap_plan_properties_present (GTK_WINDOW (self), self->plan);
}

/* A menu entry that stands for an empty list; its action stays disabled. */
static void
no_recent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
}

static void
on_view_stack_visible_child_cb (AdwViewStack *stack,
                                GParamSpec   *pspec,
                                ApWindow     *self)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (g_strcmp0 (name, "roadmap") == 0 || g_strcmp0 (name, "incidents") == 0 ||
      g_strcmp0 (name, "charts") == 0)
    g_settings_set_string (self->settings, "last-view", name);
}

/* Window state. */

static void
restore_state (ApWindow *self)
{
  g_autofree char *view = g_settings_get_string (self->settings, "last-view");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

static gboolean
ap_window_close_request (GtkWindow *window)
{
  ApWindow *self = AP_WINDOW (window);
  int width, height;

  /* The default size is the unmaximized size, the one to restore next time. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (ap_window_parent_class)->close_request (window);
}

static void
ap_window_dispose (GObject *object)
{
  ApWindow *self = AP_WINDOW (object);

  self->disposed = TRUE;
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->view_stack, on_view_stack_visible_child_cb, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  ap_window_views_dispose (self);
  g_clear_object (&self->plan);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->import_path, g_free);

  G_OBJECT_CLASS (ap_window_parent_class)->dispose (object);
}

static void
ap_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ApWindow *self = AP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ap_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ApWindow *self = AP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      ap_window_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ap_window_class_init (ApWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ap_window_dispose;
  object_class->get_property = ap_window_get_property;
  object_class->set_property = ap_window_set_property;
  window_class->close_request = ap_window_close_request;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, AP_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ApWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ApWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ApWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ApWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ApWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, ApWindow, roadmap_view);
  gtk_widget_class_bind_template_child (widget_class, ApWindow, incident_view);
  g_type_ensure (AP_TYPE_CHART_VIEW);
  gtk_widget_class_bind_template_child (widget_class, ApWindow, chart_view);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.import-json", NULL, import_json_action);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, export_json_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent", NULL, no_recent_action);
  gtk_widget_class_install_action (widget_class, "win.show-card", "x", show_card_action);
  gtk_widget_class_install_action (widget_class, "win.show-category", "x", show_category_action);
  gtk_widget_class_install_action (widget_class, "win.export-incidents-csv", NULL, export_incidents_csv_action);
  gtk_widget_class_install_action (widget_class, "win.plan-properties", NULL, plan_properties_action);
  ap_window_views_class_init (widget_class);
}

static void
ap_window_init (ApWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  restore_state (self);
  g_signal_connect (self->view_stack, "notify::visible-child-name",
                    G_CALLBACK (on_view_stack_visible_child_cb), self);
  g_signal_connect_object (self->settings, "changed::recent-plans",
                           G_CALLBACK (on_settings_recent_changed_cb), self, 0);

  ap_window_views_init (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);
  update_undo_actions (self);
  update_title (self);
  ap_window_rebuild_recent_menu (self);
}

ApWindow *
ap_window_new (GtkApplication *application,
               ApPlan         *plan)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (plan == NULL || AP_IS_PLAN (plan), NULL);

  return g_object_new (AP_TYPE_WINDOW,
                       "application", application,
                       "plan", plan,
                       NULL);
}

static void
on_integrity_checked_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(ApWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWindow *dialog;

  if (ap_store_check_integrity_finish (AP_STORE (source), result, &error) || self->disposed)
    return;

  /* The file is damaged: say so, and close the window before anything writes to it. */
  name = g_filename_display_basename (ap_store_get_path (AP_STORE (source)));
  heading = g_strdup_printf (_("Could not open “%s”"), name);
  dialog = ap_window_new_error_dialog (NULL, heading, error);
  gtk_window_set_application (dialog, gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (dialog);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * ap_window_verify_plan:
 *
 * Checks the integrity of a plan opened with %AP_PLAN_OPEN_DEFER_CHECK in the
 * background, and closes the window with an error if the file is damaged.
 */
void
ap_window_verify_plan (ApWindow *self)
{
  g_return_if_fail (AP_IS_WINDOW (self));

  if (self->plan != NULL)
    ap_store_check_integrity_async (ap_plan_get_store (self->plan), NULL,
                                    on_integrity_checked_cb, g_object_ref (self));
}

ApPlan *
ap_window_get_plan (ApWindow *self)
{
  g_return_val_if_fail (AP_IS_WINDOW (self), NULL);

  return self->plan;
}

/**
 * ap_window_set_plan:
 * @self: a window
 * @plan: (nullable): the plan to show
 *
 * Shows @plan in the window, replacing the plan shown before (Save As goes on in the
 * copy this way), and puts it first among the recent plans.
 */
void
ap_window_set_plan (ApWindow *self,
                    ApPlan   *plan)
{
  const char *path;

  g_return_if_fail (AP_IS_WINDOW (self));
  g_return_if_fail (plan == NULL || AP_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    {
      g_signal_connect_object (plan, "notify::title", G_CALLBACK (on_plan_title_cb), self, 0);
      g_signal_connect_object (plan, "notify::can-undo", G_CALLBACK (on_plan_undo_cb), self, 0);
      g_signal_connect_object (plan, "notify::can-redo", G_CALLBACK (on_plan_undo_cb), self, 0);
    }

  ap_window_views_set_plan (self, plan);
  ap_roadmap_view_set_plan (self->roadmap_view, plan);
  update_title (self);
  update_undo_actions (self);

  path = plan != NULL ? ap_plan_get_path (plan) : NULL;
  if (path != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

      if (uri != NULL)
        ap_window_save_recent (self->settings, uri, TRUE);
    }
  ap_window_rebuild_recent_menu (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * ap_window_new_toast:
 * @format: printf() format of the toast's title
 *
 * Makes a toast. libadwaita 1.2 reads a toast's title as Pango markup, so the
 * arguments (card titles, file names, error messages) are escaped.
 *
 * Returns: (transfer full): the toast
 */
AdwToast *
ap_window_new_toast (const char *format,
                     ...)
{
  g_autofree char *title = NULL;
  va_list args;

  va_start (args, format);
  title = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return adw_toast_new (title);
}

/**
 * ap_window_show_error:
 * @self: a window
 * @heading: what failed, e.g. “Could not import “plan.json””
 * @error: why; its message is shown as it is
 *
 * Shows a failure the user has to read before going on.
 */
void
ap_window_show_error (ApWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  g_return_if_fail (AP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  gtk_window_present (ap_window_new_error_dialog (GTK_WINDOW (self), heading, error));
}

/**
 * ap_window_new_error_dialog:
 * @parent: (nullable): the window the dialog belongs to
 * @heading: what failed
 * @error: why
 *
 * Makes the dialog for a failure. The core's messages are written to follow a file
 * name ("plan.json: not JSON …"), so the body starts them with a capital.
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
GtkWindow *
ap_window_new_error_dialog (GtkWindow    *parent,
                            const char   *heading,
                            const GError *error)
{
  const char *message = error->message;
  const char *rest = g_utf8_next_char (message);
  g_autofree char *first = g_utf8_strup (message, rest - message);
  g_autofree char *body = g_strconcat (first, rest, NULL);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, *message != '\0' ? body : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return GTK_WINDOW (dialog);
}

/**
 * ap_window_add_toast:
 * @self: a window
 * @toast: (transfer full): the toast
 *
 * Shows a light message at the bottom of the window.
 */
void
ap_window_add_toast (ApWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (AP_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * ap_window_import_json:
 * @self: a window
 * @path: a JSON snapshot
 *
 * Asks whether to replace the plan's content with the snapshot at @path, and imports
 * it if the user says so. Failures are shown in the window.
 */
void
ap_window_import_json (ApWindow   *self,
                       const char *path)
{
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (AP_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->plan == NULL)
    return;

  /* An import replaces everything, so it asks first, even though it can be undone. */
  name = g_filename_display_basename (path);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Replace the plan’s content?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Importing “%s” replaces everything in “%s”: its roadmap, "
                                    "incidents, categories and history. You can undo the "
                                    "import with Ctrl+Z."),
                                  name, gtk_window_get_title (GTK_WINDOW (self)));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_free (self->import_path);
  self->import_path = g_strdup (path);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ap_window_export_json:
 * @self: a window
 * @path: where to write the snapshot
 *
 * Writes the plan as a JSON snapshot to @path; the result is shown in the window.
 */
void
ap_window_export_json (ApWindow   *self,
                       const char *path)
{
  g_return_if_fail (AP_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  run_busy (self, export_job, path);
}

/**
 * ap_window_save_as:
 * @self: a window
 * @path: where to copy the plan
 *
 * Copies the plan to @path and goes on in the copy. Failures are shown in the window.
 *
 * Returns: whether the window now shows the copy
 */
gboolean
ap_window_save_as (ApWindow   *self,
                   const char *path)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ApPlan) copy = NULL;
  const char *current;

  g_return_val_if_fail (AP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->plan == NULL)
    return FALSE;
  name = g_filename_display_basename (path);
  current = ap_plan_get_path (self->plan);
  if (current != NULL && g_str_equal (current, path))
    {
      ap_window_add_toast (self, ap_window_new_toast ("%s", _("The plan is already saved there")));
      return FALSE;
    }
  if (is_open_elsewhere (self, path))
    {
      ap_window_add_toast (self,
                           ap_window_new_toast (_("“%s” is open in another window"), name));
      return FALSE;
    }

  /* Every edit is saved already; Save As copies the file and goes on in the copy, as
   * a document editor would. */
  if (!ap_store_backup_to (ap_plan_get_store (self->plan), path, &error) ||
      (copy = ap_plan_open (path, AP_PLAN_OPEN_DEFAULT, &error)) == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could not save as “%s”"), name);

      ap_window_show_error (self, heading, error);
      return FALSE;
    }
  ap_window_set_plan (self, copy);
  ap_window_add_toast (self, ap_window_new_toast (_("Saved as %s"), name));
  return TRUE;
}
