/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "archplan"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/ap-incident-csv.h"
#include "core/ap-incident-query.h"
#include "core/ap-plan.h"
#include "gui/ap-application.h"
#include "render/ap-chart-export.h"
#include "render/ap-roadmap-export.h"

/* What one command-line run is about: the plan and the argument of its command. */
typedef struct
{
  const char *plan_path;  /* never NULL: the default plan when none was named */
  gboolean    plan_given; /* the user named the plan on the command line */
  const char *arg;        /* the command's argument, e.g. the JSON file */
  const char *output;     /* --output: the file a --render command writes */
  const char *blame;      /* set on failure: the file the error message is about */
} Invocation;

/* A command runs without a window and without a display: the commands are for scripts,
 * CI jobs and servers, which have neither. Adding a command is adding a row to
 * `commands` and its run function; the option, the "one command at a time" rule and the
 * error reporting come with the row. */
typedef struct
{
  const char *long_name;
  const char *arg_description;
  const char *description;
  gboolean  (*run) (Invocation  *inv,
                    GError     **error);
} Command;

static gboolean run_export_json (Invocation  *inv,
                                 GError     **error);
static gboolean run_import_json (Invocation  *inv,
                                 GError     **error);
static gboolean run_render      (Invocation  *inv,
                                 GError     **error);
static gboolean run_export_csv  (Invocation  *inv,
                                 GError     **error);

static const Command commands[] = {
  { "export-json", N_("OUT.json"), N_("Write the plan as a JSON snapshot to OUT.json"),
    run_export_json },
  { "import-json", N_("IN.json"),
    N_("Replace the plan’s content with the JSON snapshot IN.json (the plan is created if missing)"),
    run_import_json },
  { "render", N_("WHAT"),
    N_("Draw WHAT (charts or roadmap) to the PNG, SVG or PDF file named by --output"),
    run_render },
  { "export-csv", N_("OUT.csv"),
    N_("Write the plan’s incidents as CSV (RFC 4180, UTF-8) to OUT.csv"),
    run_export_csv },
};

/* What --render draws: adding a drawing is adding a row. Each writes the whole file, in
 * the format its name's extension asks for. */
typedef struct
{
  const char *name;
  gboolean  (*render) (ApPlan      *plan,
                       const char  *output,
                       GError     **error);
} Renderer;

static gboolean
render_charts (ApPlan      *plan,
               const char  *output,
               GError     **error)
{
  return ap_charts_export_file (plan, output, -1, error);
}

static const Renderer renderers[] = {
  { "charts", render_charts },
  { "roadmap", ap_roadmap_export_file },
};

/* The parsed command line. */
typedef struct
{
  char    *values[G_N_ELEMENTS (commands)]; /* each command's argument, or NULL */
  char   **plans;                           /* the PLAN arguments */
  char    *output;                          /* --output, for --render */
  gboolean version;
} Options;

/* SQLite keeps these beside a plan while it is open, and leaves them behind when a
 * process dies; a plan we created and then failed to fill goes away with them. */
static const char * const sqlite_suffixes[] = { "", "-wal", "-shm", "-journal" };

typedef struct
{
  gboolean existed[G_N_ELEMENTS (sqlite_suffixes)];
  gboolean was_empty; /* SQLite takes an empty file for a new database and fills it */
} FileState;

static void
record_file_state (const char *plan_path,
                   FileState  *state)
{
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
    {
      g_autofree char *path = g_strconcat (plan_path, sqlite_suffixes[i], NULL);

      state->existed[i] = g_file_test (path, G_FILE_TEST_EXISTS);
    }
  state->was_empty = state->existed[0] && g_stat (plan_path, &st) == 0 &&
                     S_ISREG (st.st_mode) && st.st_size == 0;
}

/* Takes back the plan this run created: removes the file, or empties it again if it was
 * an empty file before, and removes the SQLite files beside it that were not there
 * before. The plan must be closed: its descriptors carry SQLite's locks. A plan that
 * had content is never touched here, and neither are its journals, which may hold its
 * data. */
static void
remove_created_files (const char      *plan_path,
                      const FileState *before)
{
  if (before->existed[0] && !before->was_empty)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
    {
      g_autofree char *path = g_strconcat (plan_path, sqlite_suffixes[i], NULL);

      if (i == 0 && before->was_empty)
        {
          if (truncate (path, 0) != 0 && errno != ENOENT)
            g_warning ("Could not empty %s again: %s", path, g_strerror (errno));
        }
      else if (!before->existed[i] && g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not remove %s: %s", path, g_strerror (errno));
    }
}

/* The default plan lives in a folder that a new user does not have yet. */
static gboolean
ensure_parent_folder (const char  *path,
                      const char **blame,
                      GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      /* Interned: the message outlives this frame, and the process ends right after. */
      *blame = g_intern_string (dir);
      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                           g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Errors of the store are about the plan; every other error of an import or export is
 * about the JSON file (reading, parsing, validating or writing it). */
static const char *
blame_for_error (const GError *error,
                 Invocation   *inv)
{
  return error->domain == AP_STORE_ERROR ? inv->plan_path : inv->arg;
}

/* Opens the plan for a command. When this run creates the file, *created is set, so
 * that a failing command can take the file away again and leave nothing behind. */
static ApPlan *
open_plan (Invocation       *inv,
           ApPlanOpenFlags   flags,
           FileState        *before,
           gboolean         *created,
           GError          **error)
{
  ApPlan *plan;

  record_file_state (inv->plan_path, before);
  *created = FALSE;

  /* Only the default plan's folder is made here: a plan named in a folder that does
   * not exist is a typo to report, not a folder to create. */
  if (!inv->plan_given && !ensure_parent_folder (inv->plan_path, &inv->blame, error))
    return NULL;

  plan = ap_plan_open (inv->plan_path, flags, error);
  if (plan == NULL)
    {
      inv->blame = inv->plan_path;
      /* A file that was not there (or empty) before the call can only be a half-made
       * plan of ours. */
      remove_created_files (inv->plan_path, before);
      return NULL;
    }

  *created = (!before->existed[0] || before->was_empty) &&
             ap_store_get_created (ap_plan_get_store (plan));
  return plan;
}

/* Opens the plan a command reads from. A user's first plan starts as the sample,
 * whichever way it is first opened; a plan named on the command line must exist, since
 * a typo should not export an empty plan. */
static ApPlan *
open_plan_to_read (Invocation  *inv,
                   FileState   *before,
                   gboolean    *created,
                   GError     **error)
{
  return open_plan (inv, inv->plan_given ? AP_PLAN_OPEN_DEFAULT : AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE,
                    before, created, error);
}

static gboolean
finish_plan_command (Invocation      *inv,
                     ApPlan          *plan,
                     gboolean         ok,
                     gboolean         created,
                     const FileState *before)
{
  /* Closing the plan first: SQLite removes its -wal and -shm files when it closes, and
   * unlinking a file SQLite still holds would leave it writing to a ghost. */
  g_object_unref (plan);
  if (!ok && created)
    remove_created_files (inv->plan_path, before);
  return ok;
}

static gboolean
run_export_json (Invocation  *inv,
                 GError     **error)
{
  FileState before;
  gboolean created, ok;
  ApPlan *plan;

  plan = open_plan_to_read (inv, &before, &created, error);
  if (plan == NULL)
    return FALSE;

  ok = ap_plan_export_json_file (plan, inv->arg, error);
  if (!ok)
    inv->blame = blame_for_error (*error, inv);
  return finish_plan_command (inv, plan, ok, created, &before);
}

/* All incidents, in the plan's own order: what a spreadsheet should start from. */
static gboolean
run_export_csv (Invocation  *inv,
                GError     **error)
{
  g_autoptr(ApIncidentQuery) query = ap_incident_query_new ();
  g_autoptr(GArray) ids = NULL;
  FileState before;
  gboolean created, ok;
  ApPlan *plan;

  plan = open_plan_to_read (inv, &before, &created, error);
  if (plan == NULL)
    return FALSE;

  ids = ap_incident_query_run (query, ap_plan_get_store (plan), error);
  ok = ids != NULL &&
       ap_incident_csv_write (plan, (const gint64 *) ids->data, ids->len, inv->arg, error);
  if (!ok)
    inv->blame = blame_for_error (*error, inv);
  return finish_plan_command (inv, plan, ok, created, &before);
}

static gboolean
run_import_json (Invocation  *inv,
                 GError     **error)
{
  FileState before;
  gboolean created, ok;
  ApPlan *plan;

  /* No sample here: the snapshot replaces whatever the new plan would start with. */
  plan = open_plan (inv, AP_PLAN_OPEN_CREATE, &before, &created, error);
  if (plan == NULL)
    return FALSE;

  /* One transaction: a snapshot that fails to parse or validate leaves the plan as it
   * was, and a plan created for it is removed again. */
  ok = ap_plan_import_json_file (plan, inv->arg, error);
  if (!ok)
    inv->blame = blame_for_error (*error, inv);
  return finish_plan_command (inv, plan, ok, created, &before);
}

static const Renderer *
find_renderer (const char  *name,
               GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (renderers); i++)
    {
      if (g_strcmp0 (renderers[i].name, name) == 0)
        return &renderers[i];
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", renderers[i].name);
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--render cannot draw “%s”; it draws: %s"), name, names->str);
  return NULL;
}

static gboolean
run_render (Invocation  *inv,
            GError     **error)
{
  const Renderer *renderer = find_renderer (inv->arg, error);
  FileState before;
  gboolean created, ok;
  ApPlan *plan;

  if (renderer == NULL)
    return FALSE;
  if (inv->output == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--render needs --output=FILE"));
      return FALSE;
    }

  plan = open_plan_to_read (inv, &before, &created, error);
  if (plan == NULL)
    return FALSE;

  ok = renderer->render (plan, inv->output, error);
  if (!ok)
    inv->blame = (*error)->domain == AP_STORE_ERROR ? inv->plan_path : inv->output;
  return finish_plan_command (inv, plan, ok, created, &before);
}

/* Every failure is one line on stderr, "archplan: FILE: reason", so that scripts can
 * show it as it is and people can read it. */
static int
fail (const char *file,
      const char *reason)
{
  g_autoptr(GString) line = g_string_new ("archplan: ");

  if (file != NULL)
    {
      g_autofree char *display = g_filename_display_name (file);

      g_string_append_printf (line, "%s: ", display);
    }
  g_string_append (line, reason);
  /* Messages from libraries sometimes span lines; the contract is one. */
  for (char *p = line->str; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';

  fprintf (stderr, "%s\n", line->str);
  return 1;
}

static int
fail_usage (const char *reason)
{
  g_autofree char *line = g_strdup_printf (_("%s (see “archplan --help”)"), reason);

  return fail (NULL, line);
}

static int
run_window (const char *argv0,
            const char *plan_path)
{
  g_autoptr(ApApplication) app = ap_application_new ();
  g_autofree char *absolute = NULL;
  char *app_argv[3] = { (char *) argv0, NULL, NULL };
  int app_argc = 1;

  if (plan_path != NULL)
    {
      /* GApplication parses its own options: a plan named "-x" must not look like one. */
      if (plan_path[0] == '-')
        plan_path = absolute = g_canonicalize_filename (plan_path, NULL);
      app_argv[app_argc++] = (char *) plan_path;
    }

  return g_application_run (G_APPLICATION (app), app_argc, app_argv);
}

static void
clear_options (Options *options)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_clear_pointer (&options->values[i], g_free);
  g_clear_pointer (&options->plans, g_strfreev);
  g_clear_pointer (&options->output, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, clear_options)

/* Builds the option entries from the command table, so that a command is declared once. */
static gboolean
parse_options (int      *argc,
               char   ***argv,
               Options  *options,
               GError  **error)
{
  GOptionEntry entries[G_N_ELEMENTS (commands) + 4] = { { NULL } };
  g_autoptr(GOptionContext) context = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    entries[n++] = (GOptionEntry) { commands[i].long_name, 0, 0, G_OPTION_ARG_FILENAME,
                                    &options->values[i], commands[i].description,
                                    commands[i].arg_description };
  entries[n++] = (GOptionEntry) { "output", 0, 0, G_OPTION_ARG_FILENAME, &options->output,
                                  N_("The file --render writes (.png, .svg or .pdf)"),
                                  N_("FILE") };
  entries[n++] = (GOptionEntry) { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
                                  N_("Print the version and exit"), NULL };
  entries[n++] = (GOptionEntry) { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY,
                                  &options->plans, NULL, NULL };

  context = g_option_context_new (N_("[PLAN]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Opens PLAN (by default your own plan) in a window, or, "
                                   "with a command, runs it without a window."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

/* Finds the one command asked for; NULL with no error means "open the window". */
static const Command *
find_command (Options  *options,
              GError  **error)
{
  const Command *command = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (options->values[i] == NULL)
        continue;
      if (command != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("--%s and --%s cannot be used together"),
                       command->long_name, commands[i].long_name);
          return NULL;
        }
      command = &commands[i];
    }
  return command;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Options) options = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  const Command *command;
  Invocation inv = { NULL };

  setlocale (LC_ALL, "");
  /* Run from the build tree (build-aux/run-app.sh), the translations are the build's,
   * not yet installed: ARCHPLAN_LOCALEDIR points at them, as GSETTINGS_SCHEMA_DIR does
   * at the schema. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ARCHPLAN_LOCALEDIR") != NULL ? g_getenv ("ARCHPLAN_LOCALEDIR")
                                                                            : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The options are parsed here, before GTK is touched, so that the commands work
   * where there is no display. */
  if (!parse_options (&argc, &argv, &options, &error))
    return fail_usage (error->message);
  if (options.version)
    {
      printf ("archplan %s\n", PACKAGE_VERSION);
      return 0;
    }
  command = find_command (&options, &error);
  if (error != NULL)
    return fail_usage (error->message);
  if (options.plans != NULL && options.plans[0] == NULL)
    g_clear_pointer (&options.plans, g_strfreev);
  if (options.plans != NULL && g_strv_length (options.plans) > 1)
    return fail_usage (_("only one plan can be named"));

  if (options.output != NULL && (command == NULL || command->run != run_render))
    return fail_usage (_("--output goes with --render"));
  if (command == NULL)
    return run_window (argv[0], options.plans != NULL ? options.plans[0] : NULL);

  inv.plan_given = options.plans != NULL;
  inv.plan_path = inv.plan_given ? options.plans[0]
                                 : (default_path = ap_plan_get_default_path ());
  inv.arg = options.values[command - commands];
  inv.output = options.output;
  /* A command refuses its arguments (--render's WHAT, a missing --output) with an
   * option error: that is a usage error, pointed at --help like the parser's own. */
  if (!command->run (&inv, &error))
    return error->domain == G_OPTION_ERROR ? fail_usage (error->message)
                                           : fail (inv.blame, error->message);
  return 0;
}
