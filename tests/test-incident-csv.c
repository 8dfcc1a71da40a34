/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ap-incident-csv.h"
#include "ap-incident-query.h"

/* CSV export of the incident list: RFC 4180 quoting, CRLF, UTF-8, a header row. */

static void
test_fields (void)
{
  struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { "crlf\r\n", "\"crlf\r\n\"" },
    { "\"", "\"\"\"\"" },
    { "Zürich — “quotes”, 日本", "\"Zürich — “quotes”, 日本\"" },
    { "Zürich 日本", "Zürich 日本" },
    { " spaced ", " spaced " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      ap_csv_append_field (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ap-incident-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "plan.archplan", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(ApIncidentQuery) query = ap_incident_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) lines = NULL;
  ApPlan *plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  ApIncidentFields fields = { .title = "Comma, \"quote\"\nand newline — ü", .occurrences = 7,
                              .status = "Open" };
  gint64 id;

  g_assert_no_error (error);
  fields.category_id = ap_object_get_id (g_list_model_get_item (G_LIST_MODEL (ap_plan_get_categories (plan)), 0));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (ap_plan_get_categories (plan)), 0));
  id = ap_plan_add_incident (plan, &fields, &error);
  g_assert_no_error (error);
  g_assert_true (ap_plan_add_ticket (plan, id, "OPS-1", "", &error) > 0);
  g_assert_true (ap_plan_add_ticket (plan, id, "OPS-2", "", &error) > 0);

  ap_incident_query_set_text (query, "newline");
  ids = ap_incident_query_run (query, ap_plan_get_store (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (ap_incident_csv_write (plan, (gint64 *) ids->data, ids->len, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &csv, NULL, &error));
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_true (g_str_has_prefix (csv, "Issue,Category,Occurrences,Anecdotes,Last Seen,Status,Tickets\r\n"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n\"Comma, \"\"quote\"\"\nand newline — ü\","
                              "\"Monolith: Pluggability, Extensibility, Interdependency/coupling, Deprecation/removal\","
                              "7,0,,Open,\"OPS-1, OPS-2\"\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3); /* header, one row, "" after the last CRLF */

  g_assert_finalize_object (plan);
  g_unlink (out);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/incident-csv/fields", test_fields);
  g_test_add_func ("/incident-csv/export", test_export);
  return g_test_run ();
}
