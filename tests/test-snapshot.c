/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ap-json-reader.h"
#include "snapshot-fixture.h"

/* JSON snapshots: byte-exact round trips (the sample plan, a small plan, a generated
 * plan with every awkward character), the export's order when rows were reordered, the
 * file functions, and a second opinion from python3-jsonschema on what export writes.
 * Refusals are in test-snapshot-errors.c. */

/* Import → export gives @text back, twice; and the export imports to itself again. */
static void
assert_round_trip (const char *text,
                   gsize       len)
{
  g_autoptr(ApStore) store = ap_test_new_store ();
  g_autoptr(ApStore) again = ap_test_new_store ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  ap_test_import (store, text, len);
  first = ap_test_export (store);
  g_assert_cmpuint (strlen (first), ==, len);
  g_assert_cmpstr (first, ==, text);
  second = ap_test_export (store);
  g_assert_cmpstr (second, ==, first);

  ap_test_import (again, first, strlen (first));
  third = ap_test_export (again);
  g_assert_cmpstr (third, ==, first);
}

static char *
edit_small (const char *old,
            const char *replacement)
{
  return ap_test_replace_once (ap_test_small_snapshot, old, replacement);
}

/* Round trips ------------------------------------------------------------------------ */

static void
test_round_trip_small (void)
{
  assert_round_trip (ap_test_small_snapshot, strlen (ap_test_small_snapshot));
}

static void
test_round_trip_sample (void)
{
  const char *path = g_getenv ("AP_SAMPLE_JSON");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no sample plan at data/sample/sample.json");
      return;
    }
  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  assert_round_trip (text, len);
}

/* An empty plan exports to a valid snapshot that imports to itself. */
static void
test_round_trip_empty (void)
{
  g_autoptr(ApStore) store = ap_test_new_store ();
  g_autofree char *text = ap_test_export (store);

  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"archplan-snapshot\",\n"
                                         "  \"version\": 1,\n"));
  g_assert_nonnull (strstr (text, "\n  \"cards\": [],\n"));
  g_assert_true (g_str_has_suffix (text, "\n  \"history\": []\n}\n"));
  assert_round_trip (text, strlen (text));
}

/* Importing replaces everything: nothing of the earlier plan is left. */
static void
test_import_replaces (void)
{
  g_autoptr(ApStore) store = ap_test_new_store_with (ap_test_small_snapshot);
  g_autoptr(ApStore) empty = ap_test_new_store ();
  g_autofree char *nothing = ap_test_export (empty);
  g_autofree char *text = NULL;

  ap_test_import (store, nothing, strlen (nothing));
  text = ap_test_export (store);
  g_assert_cmpstr (text, ==, nothing);
  g_assert_true (ap_store_is_empty (store));
}

/* The export of a generated plan is the same data in the canonical form (checked by
 * Python's json module when it is there), and round-trips. */
static void
test_round_trip_generated (void)
{
  g_autofree char *plan = ap_test_generate_plan (200, 60);
  g_autoptr(ApStore) store = ap_test_new_store_with (plan);
  g_autofree char *text = ap_test_export (store);

  assert_round_trip (text, strlen (text));
}

/* Positions changed behind the export's back (as commands change them) make the rows'
 * rowid order differ from the output order: the export must notice and sort. */
static void
test_export_reordered (void)
{
  g_autoptr(ApStore) store = ap_test_new_store_with (ap_test_small_snapshot);
  g_autoptr(ApStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ApJsonDoc) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;
  const ApJsonNode *root, *incidents, *cards;

  g_assert_true (ap_store_exec (store,
                                "UPDATE incident SET position = 1 - position;"
                                "UPDATE anecdote SET position = 1 - position WHERE incident_id = 1;"
                                "UPDATE card SET position = 1 - position WHERE period_id = 1;"
                                "UPDATE card_organization SET position = 1 - position"
                                " WHERE card_id = 1;"
                                "UPDATE history SET date = '2020-09-01' WHERE uid = 'h-1';",
                                &error));
  g_assert_no_error (error);
  text = ap_test_export (store);

  doc = ap_json_doc_parse (text, strlen (text), 64, &error);
  g_assert_no_error (error);
  root = ap_json_doc_get_root (doc);
  incidents = ap_json_object_get_member (root, "incidents");
  g_assert_cmpstr (ap_json_object_get_member (incidents + 1, "id")->v.s, ==, "inc-2");
  g_assert_cmpstr (ap_json_object_get_member (ap_json_node_next_sibling (incidents + 1), "id")->v.s,
                   ==, "inc-1");
  g_assert_nonnull (strstr (text, "\"id\": \"an-2\",\n          \"date\": null"));
  g_assert_true (strstr (text, "\"an-2\"") < strstr (text, "\"an-1\""));
  cards = ap_json_object_get_member (root, "cards");
  g_assert_cmpstr (ap_json_object_get_member (cards + 1, "id")->v.s, ==, "card-3");
  g_assert_nonnull (strstr (text, "\"organizations\": [\n        \"org-a\",\n"
                                  "        \"org-b\"\n      ]"));
  g_assert_true (strstr (text, "\"h-2\"") < strstr (text, "\"h-1\""));

  /* A plan imported from that export has its rows in output order: the same bytes. */
  copy = ap_test_new_store_with (text);
  copied = ap_test_export (copy);
  g_assert_cmpstr (copied, ==, text);
}

/* Steps listed out of the canonical order keep their order within their activity; the
 * export lists them canonically. */
static void
test_import_noncanonical_order (void)
{
  const char *step1 = "\"id\": \"step-1\",\n      \"activity\": \"act-1\",\n"
                      "      \"name\": \"Write code\"";
  const char *step3 = "\"id\": \"step-3\",\n      \"activity\": \"act-2\",\n"
                      "      \"name\": \"Deploy change\"";
  g_autofree char *marked = edit_small (step1, "@");
  g_autofree char *half = ap_test_replace_once (marked, step3, step1);
  g_autofree char *swapped = ap_test_replace_once (half, "@", step3);
  g_autoptr(ApStore) store = ap_test_new_store_with (swapped);
  g_autofree char *text = ap_test_export (store);

  /* Given: step-3 (act-2), step-2, step-1 (act-1). */
  g_assert_true (strstr (swapped, "\"step-3\"") < strstr (swapped, "\"step-2\""));
  g_assert_true (strstr (text, "\"id\": \"step-2\"") < strstr (text, "\"id\": \"step-1\""));
  g_assert_true (strstr (text, "\"id\": \"step-1\"") < strstr (text, "\"id\": \"step-3\""));
  assert_round_trip (text, strlen (text));
}
/* Files ------------------------------------------------------------------------------ */

static void
test_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("archplan-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere", "plan.json", NULL);
  g_autoptr(ApStore) store = ap_test_new_store_with (ap_test_small_snapshot);
  g_autoptr(ApStore) copy = ap_test_new_store ();
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_true (g_file_set_contents (path, "old content", -1, NULL));
  g_assert_true (ap_snapshot_export_to_file (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, ap_test_small_snapshot);

  g_assert_true (ap_snapshot_import_file (copy, path, &error));
  g_assert_no_error (error);
  g_free (text);
  text = ap_test_export (copy);
  g_assert_cmpstr (text, ==, ap_test_small_snapshot);

  /* A folder that does not exist, or a folder where the file should be: refused, and
   * no temporary file is left behind. */
  g_assert_false (ap_snapshot_export_to_file (store, missing, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (ap_snapshot_export_to_file (store, dir, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (ap_snapshot_import_file (store, missing, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_IO);
  message = g_strdup_printf ("cannot read %s: No such file or directory", missing);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "plan.json");
  g_assert_null (g_dir_read_name (listing));
  g_unlink (path);
  g_rmdir (dir);
}

/* The plan's own file is neither read as a snapshot (closing a descriptor on it would
 * drop SQLite's locks) nor overwritten by one. */
static void
test_files_plan_itself (void)
{
  g_autofree char *dir = g_dir_make_tmp ("archplan-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.archplan", NULL);
  g_autoptr(ApStore) store = ap_store_open (path, AP_STORE_OPEN_CREATE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_strdup_printf ("%s is the plan file itself, not a snapshot", path);

  g_assert_nonnull (store);
  ap_test_import (store, ap_test_small_snapshot, strlen (ap_test_small_snapshot));
  g_assert_false (ap_snapshot_export_to_file (store, path, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_IO);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_assert_false (ap_snapshot_import_file (store, path, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_NOT_SNAPSHOT);
  g_clear_error (&error);
  g_assert_true (ap_store_is_empty (store) == FALSE);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

/* A second opinion: python3-jsonschema ------------------------------------------------ */

/* Runs tests/validate-snapshot.py on @text; skips when Python or jsonschema is missing. */
static void
check_with_python (const char *text,
                   const char *same_as,
                   gboolean    expect_valid)
{
  const char *source_dir = g_getenv ("AP_SOURCE_DIR");
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *dir = g_dir_make_tmp ("archplan-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "export.json", NULL);
  g_autofree char *other = g_build_filename (dir, "same-as.json", NULL);
  g_autofree char *err = NULL;
  const char *argv[10];
  guint argc = 0;
  g_autoptr(GError) error = NULL;
  int status;

  if (source_dir == NULL)
    {
      g_test_skip ("AP_SOURCE_DIR is not set (run the test through meson test)");
      return;
    }
  script = g_build_filename (source_dir, "tests", "validate-snapshot.py", NULL);
  schema = g_strdup (g_getenv ("AP_SCHEMA_JSON"));
  if (schema == NULL)
    schema = g_build_filename (source_dir, "data", "snapshot.schema.json", NULL);
  if (python == NULL)
    {
      g_test_skip ("python3 is not installed");
      return;
    }

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  argv[argc++] = python;
  argv[argc++] = script;
  argv[argc++] = "--canonical";
  if (same_as != NULL)
    {
      g_assert_true (g_file_set_contents (other, same_as, -1, NULL));
      argv[argc++] = "--same-as";
      argv[argc++] = other;
    }
  argv[argc++] = schema;
  argv[argc++] = path;
  argv[argc] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_unlink (other);
  g_rmdir (dir);

  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python3-jsonschema is not installed");
      return;
    }
  if (expect_valid && !g_spawn_check_wait_status (status, NULL))
    g_error ("validate-snapshot.py refused the export:\n%s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL) == expect_valid);
}

static void
test_schema_small (void)
{
  g_autoptr(ApStore) store = ap_test_new_store_with (ap_test_small_snapshot);
  g_autofree char *text = ap_test_export (store);
  g_autofree char *broken = ap_test_replace_once (text, "\"#aabbcc\"", "\"#AABBCC\"");

  check_with_python (text, ap_test_small_snapshot, TRUE);
  /* The check can fail: a colour the schema refuses is refused. */
  check_with_python (broken, NULL, FALSE);
}

static void
test_schema_sample (void)
{
  const char *path = g_getenv ("AP_SAMPLE_JSON");
  g_autofree char *sample = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ApStore) store = NULL;

  if (path == NULL || !g_file_get_contents (path, &sample, NULL, NULL))
    {
      g_test_skip ("no sample plan at data/sample/sample.json");
      return;
    }
  store = ap_test_new_store_with (sample);
  text = ap_test_export (store);
  check_with_python (text, sample, TRUE);
}

static void
test_schema_generated (void)
{
  g_autofree char *plan = ap_test_generate_plan (200, 60);
  g_autoptr(ApStore) store = ap_test_new_store_with (plan);
  g_autofree char *text = ap_test_export (store);

  /* Same data as the compact input, written exactly as Python's json.dumps writes it. */
  check_with_python (text, plan, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/snapshot/round-trip/small", test_round_trip_small);
  g_test_add_func ("/snapshot/round-trip/sample", test_round_trip_sample);
  g_test_add_func ("/snapshot/round-trip/empty", test_round_trip_empty);
  g_test_add_func ("/snapshot/round-trip/generated", test_round_trip_generated);
  g_test_add_func ("/snapshot/import/replaces", test_import_replaces);
  g_test_add_func ("/snapshot/import/noncanonical-order", test_import_noncanonical_order);
  g_test_add_func ("/snapshot/export/reordered", test_export_reordered);
  g_test_add_func ("/snapshot/files/export-import", test_files);
  g_test_add_func ("/snapshot/files/plan-itself", test_files_plan_itself);
  g_test_add_func ("/snapshot/schema/small", test_schema_small);
  g_test_add_func ("/snapshot/schema/sample", test_schema_sample);
  g_test_add_func ("/snapshot/schema/generated", test_schema_generated);

  return g_test_run ();
}
