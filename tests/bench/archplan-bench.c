/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "archplan-bench"

#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "ap-bench.h"

/* archplan-bench: how fast the core is, as a ratio to a baseline measured in the same
 * run on the same data. Absolute times depend on the machine; a ratio to what SQLite
 * alone does with the same rows does not (much), so the targets are ratios.
 *
 * Each figure is a function that measures its value and its baseline (ap-bench-figures.c);
 * adding a figure is adding a row to `ap_bench_figures`. The expensive fixtures (the
 * generated plan, its snapshot, its rows in memory) are made on first use and shared
 * (ap-bench.c), so `--only` runs only what the chosen figures need.
 *
 * This is a report, not a test: it exits 0 when a target is missed, and it is not part
 * of `meson test`. */

/* Output. */

static char *
format_value (double      value,
              ApBenchUnit unit)
{
  if (unit == AP_BENCH_COUNT)
    return g_strdup_printf ("%.0f", value);
  if (unit == AP_BENCH_BYTES)
    {
      if (value >= 1e9)
        return g_strdup_printf ("%.3g GB", value / 1e9);
      if (value >= 1e6)
        return g_strdup_printf ("%.3g MB", value / 1e6);
      if (value >= 1e3)
        return g_strdup_printf ("%.3g kB", value / 1e3);
      return g_strdup_printf ("%.3g B", value);
    }
  if (value >= 1)
    return g_strdup_printf ("%.3g s", value);
  if (value >= 1e-3)
    return g_strdup_printf ("%.3g ms", value * 1e3);
  return g_strdup_printf ("%.3g µs", value * 1e6);
}

/* A JSON number with three significant digits, whatever the locale. */
static const char *
json_number (char   *buf,
             gsize   size,
             double  value)
{
  return g_ascii_formatd (buf, (int) size, "%.3g", value);
}

static void
print_json (const ApBenchFigure  **run,
            const ApBenchMeasure  *results,
            guint                  n)
{
  char b[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_print ("[\n");
  for (guint i = 0; i < n; i++)
    g_print ("  {\"name\": \"%s\", \"value\": %s, \"baseline\": %s, \"ratio\": %s, "
             "\"target\": %s, \"unit\": \"%s\"}%s\n",
             run[i]->name,
             json_number (b[0], sizeof b[0], results[i].value),
             json_number (b[1], sizeof b[1], results[i].baseline),
             json_number (b[2], sizeof b[2], results[i].value / results[i].baseline),
             json_number (b[3], sizeof b[3], run[i]->target),
             run[i]->unit == AP_BENCH_BYTES ? "B" : run[i]->unit == AP_BENCH_COUNT ? "count" : "s",
             i + 1 < n ? "," : "");
  g_print ("]\n");
}

/* Pads by characters, not bytes: "µs" is one column wide. */
static void
print_cell (const char *text,
            int         width,
            gboolean    right)
{
  int pad = MAX (0, width - (int) g_utf8_strlen (text, -1));

  if (right)
    g_print ("%*s%s", pad, "", text);
  else
    g_print ("%s%*s", text, pad, "");
}

/* The machine's load when the run started: figures taken on a busy machine are noisier,
 * and a reader comparing two reports should know. */
static char *
describe_load (void)
{
  g_autofree char *loadavg = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (loadavg, " ", 2);
  return g_strdup_printf ("%s on %u CPUs", fields[0], g_get_num_processors ());
}

static void
print_table (ApBench               *bench,
             const char            *load,
             const ApBenchFigure  **run,
             const ApBenchMeasure  *results,
             guint                  n)
{
  guint met = 0;

  g_print ("archplan-bench: %u cards, %u incidents, %u pain categories; median of %u runs; "
           "load average %s at the start\n\n",
           bench->size.n_cards, bench->size.n_incidents, bench->size.n_categories,
           bench->repeat, load);
  print_cell ("name", 32, FALSE);
  print_cell ("value", 10, TRUE);
  print_cell ("baseline", 10, TRUE);
  print_cell ("ratio", 8, TRUE);
  print_cell ("target", 8, TRUE);
  g_print ("  ok?\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = format_value (results[i].value, run[i]->unit);
      g_autofree char *baseline = format_value (results[i].baseline, run[i]->unit);
      g_autofree char *ratio = g_strdup_printf ("%.3g", results[i].value / results[i].baseline);
      g_autofree char *target = g_strdup_printf ("%.3g", run[i]->target);
      gboolean ok = results[i].value <= run[i]->target * results[i].baseline;

      met += ok;
      print_cell (run[i]->name, 32, FALSE);
      print_cell (value, 10, TRUE);
      print_cell (baseline, 10, TRUE);
      print_cell (ratio, 8, TRUE);
      print_cell (target, 8, TRUE);
      g_print ("  %s\n", ok ? "ok" : "MISSED");
    }
  g_print ("\n%u of %u targets met (ratio = value ÷ baseline; a target is the largest "
           "acceptable ratio).\n", met, n);
  for (guint i = 0; i < n; i++)
    g_print ("  %s: %s\n", run[i]->name, run[i]->what);
}

/* Set-up and the command line. */

static gboolean
matches_only (const char  *name,
              char       **only)
{
  if (only == NULL)
    return TRUE;
  for (guint i = 0; only[i] != NULL; i++)
    if (g_str_has_prefix (name, only[i]))
      return TRUE;
  return FALSE;
}

static int
run_figures (ApBench   *bench,
             char     **only,
             gboolean   json)
{
  g_autofree const ApBenchFigure **run = g_new0 (const ApBenchFigure *, ap_bench_n_figures);
  g_autofree ApBenchMeasure *results = g_new0 (ApBenchMeasure, ap_bench_n_figures);
  g_autofree char *load = describe_load ();
  guint n = 0, skipped = 0;

  for (guint i = 0; i < ap_bench_n_figures; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (!matches_only (ap_bench_figures[i].name, only))
        continue;
      g_printerr ("bench: measuring %s…\n", ap_bench_figures[i].name);
      ok = ap_bench_figures[i].run (bench, &results[n], &error);
      if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          g_printerr ("bench: skipping %s: %s\n", ap_bench_figures[i].name, error->message);
          skipped++;
          continue;
        }
      if (!ok)
        {
          g_printerr ("bench: %s failed: %s\n", ap_bench_figures[i].name, error->message);
          return 1;
        }
      run[n++] = &ap_bench_figures[i];
    }
  if (n == 0)
    {
      if (skipped > 0)
        {
          g_printerr ("bench: every figure chosen was skipped\n");
          return 0;
        }
      g_printerr ("bench: no figure matches --only\n");
      return 1;
    }
  if (json)
    print_json (run, results, n);
  else
    print_table (bench, load, run, results, n);
  return 0;
}

static char *
describe_figures (void)
{
  GString *s = g_string_new ("Figures (--only takes name prefixes, separated by commas):\n");

  for (guint i = 0; i < ap_bench_n_figures; i++)
    g_string_append_printf (s, "  %-32s target %.3g\n    %s\n", ap_bench_figures[i].name,
                            ap_bench_figures[i].target, ap_bench_figures[i].what);
  return g_string_free (s, FALSE);
}

int
main (int    argc,
      char **argv)
{
  int cards = AP_BENCH_DEFAULT_CARDS;
  int incidents = AP_BENCH_DEFAULT_INCIDENTS;
  int categories = AP_BENCH_DEFAULT_CATEGORIES;
  int repeat = 3;
  gboolean json = FALSE;
  g_autofree char *only = NULL;
  g_autofree char *generate = NULL;
  g_autofree char *description = describe_figures ();
  g_auto(GStrv) only_prefixes = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ApBench bench = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "cards", 0, 0, G_OPTION_ARG_INT, &cards, "Cards in the generated plan (20000)", "N" },
    { "incidents", 0, 0, G_OPTION_ARG_INT, &incidents,
      "Incidents in the generated plan (100000)", "N" },
    { "categories", 0, 0, G_OPTION_ARG_INT, &categories, "Pain categories (40)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat,
      "Runs of each measurement; the median counts (3)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "Run only the figures whose names start so", "PREFIX[,…]" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the figures as a JSON list", NULL },
    { "generate", 0, 0, G_OPTION_ARG_FILENAME, &generate,
      "Only write a generated plan to PATH (which must not exist) and exit", "PATH" },
    { NULL },
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— measure the core against SQLite baselines");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("archplan-bench: %s\n", error->message);
      return 2;
    }
  if (cards < 0 || incidents < 1 || categories < 1 || repeat < 1)
    {
      g_printerr ("archplan-bench: sizes must be positive (cards may be 0)\n");
      return 2;
    }
  bench.size.n_cards = cards;
  bench.size.n_incidents = incidents;
  bench.size.n_categories = categories;
  bench.repeat = repeat;

  if (generate != NULL)
    {
      g_printerr ("bench: generating %u cards, %u incidents, %u pain categories into %s…\n",
                  bench.size.n_cards, bench.size.n_incidents, bench.size.n_categories, generate);
      if (!ap_bench_generate_file (generate, &bench.size, &error))
        {
          g_printerr ("archplan-bench: %s\n", error->message);
          return 1;
        }
      return 0;
    }

  if (only != NULL)
    only_prefixes = g_strsplit (only, ",", -1);
  bench.dir = g_dir_make_tmp ("archplan-bench-XXXXXX", &error);
  if (bench.dir == NULL)
    {
      g_printerr ("archplan-bench: %s\n", error->message);
      return 1;
    }

  ap_bench_clean_up_on_signals (&bench);
  status = run_figures (&bench, only_prefixes, json);

  ap_bench_clear (&bench);
  return status;
}
