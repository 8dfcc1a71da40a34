/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ap-incident-query.h"
#include "ap-plan.h"
#include "ap-schema.h"
#include "ap-snapshot.h"

/* The incident search (FTS5 kept in step with the data), filters and sorting, and the
 * incident, anecdote and ticket commands, on the sample plan. */

typedef struct
{
  char            *dir;
  char            *path;
  ApPlan          *plan;
  ApIncidentQuery *query;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ap-incident-query-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "plan.archplan", NULL);
  f->plan = ap_plan_open (f->path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_assert_no_error (error);
  f->query = ap_incident_query_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->query);
  g_assert_finalize_object (f->plan);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
sql_int (ApPlan     *plan,
         const char *sql,
         const char *arg)
{
  sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (plan), sql, NULL);
  gint64 v = -1;

  g_assert_nonnull (stmt);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

static gint64
incident_id (Fixture    *f,
             const char *uid)
{
  gint64 id = sql_int (f->plan, "SELECT id FROM incident WHERE uid = ?", uid);

  g_assert_cmpint (id, >, 0);
  return id;
}

static GArray *
run (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = ap_incident_query_run (f->query, ap_plan_get_store (f->plan), &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* The number of incidents @text finds. */
static guint
search (Fixture    *f,
        const char *text)
{
  g_autoptr(GArray) ids = NULL;

  ap_incident_query_set_text (f->query, text);
  ids = run (f);
  return ids->len;
}

static gboolean
finds (Fixture    *f,
       const char *text,
       const char *uid)
{
  g_autoptr(GArray) ids = NULL;
  gint64 id = incident_id (f, uid);

  ap_incident_query_set_text (f->query, text);
  ids = run (f);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* The index holds exactly one row per incident, with the incident's current texts,
 * and FTS5's own check finds its segments in agreement with that content. */
static void
assert_index_consistent (ApPlan *plan)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sql_int (plan, "SELECT count(*) FROM incident_fts", NULL), ==,
                   sql_int (plan, "SELECT count(*) FROM incident", NULL));
  g_assert_cmpint (sql_int (plan,
                            "SELECT count(*) FROM incident i LEFT JOIN incident_fts f ON f.rowid = i.id"
                            " WHERE f.title IS NOT i.title OR f.description IS NOT i.description"
                            " OR f.anecdotes IS NOT (SELECT group_concat (a.text, ' ') FROM anecdote a WHERE a.incident_id = i.id)"
                            " OR f.teams IS NOT (SELECT group_concat (a.team, ' ') FROM anecdote a WHERE a.incident_id = i.id)"
                            " OR f.tickets IS NOT (SELECT group_concat (t.key, ' ') FROM ticket t WHERE t.incident_id = i.id)",
                            NULL), ==, 0);
  /* The sort figures agree with the rows they sum up. */
  g_assert_cmpint (sql_int (plan,
                            "SELECT count(*) FROM incident i LEFT JOIN incident_fts_stats s ON s.id = i.id"
                            " WHERE s.n_anecdotes IS NOT (SELECT count(*) FROM anecdote a WHERE a.incident_id = i.id)"
                            " OR s.last_seen IS NOT (SELECT max (a.date) FROM anecdote a WHERE a.incident_id = i.id)"
                            " OR s.first_ticket IS NOT (SELECT t.key FROM ticket t WHERE t.incident_id = i.id"
                            "                           ORDER BY t.position, t.id LIMIT 1)", NULL), ==, 0);
  g_assert_cmpint (sql_int (plan, "SELECT count(*) FROM incident_fts_stats", NULL), ==,
                   sql_int (plan, "SELECT count(*) FROM incident", NULL));
  g_assert_true (ap_store_exec (ap_plan_get_store (plan),
                                "INSERT INTO incident_fts (incident_fts) VALUES ('integrity-check')", &error));
  g_assert_no_error (error);
}

static void
test_search_fields (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpuint (search (f, NULL), ==, 12);
  g_assert_cmpuint (search (f, "   "), ==, 12);
  /* Title, description, anecdote text, team and ticket key. */
  g_assert_true (finds (f, "Networking", "inc-jenkins-networking"));
  g_assert_cmpuint (search (f, "networking"), ==, 1);
  g_assert_true (finds (f, "contract testing", "inc-pact-provider-auth"));
  g_assert_true (finds (f, "flaky timeout", "inc-jenkins-networking"));
  g_assert_true (finds (f, "enterprise-titans", "inc-jwt-cookie-local"));
  g_assert_cmpuint (search (f, "enterprise-titans"), ==, 1);
  g_assert_true (finds (f, "SRE-84", "inc-django-admin-access"));
  g_assert_true (finds (f, "archbom-1202", "inc-jwt-issuer-config"));
  /* Prefix on the last token while typing; not once a space follows it. */
  g_assert_cmpuint (search (f, "Networ"), ==, 1);
  g_assert_cmpuint (search (f, "Networ "), ==, 0);
  g_assert_cmpuint (search (f, "JWT"), >=, 5);
  g_assert_cmpuint (search (f, "JWT cookie"), ==, 2);
  g_assert_cmpuint (search (f, "zzzyzzy"), ==, 0);
}

static void
test_special_characters (Fixture       *f,
                         gconstpointer  data)
{
  const char *inputs[] = {
    "\"", "\"\"", "\"JWT", "JWT\"", "AND", "JWT AND", "AND JWT", "OR", "NOT", "JWT NOT",
    "*", "JWT*", "*JWT", "(", ")", "(JWT", "JWT)", "NEAR(", "NEAR(JWT", "NEAR(JWT cookie, 2)",
    "col:", "title:JWT", "-", "-JWT", "^", "^JWT", "+", "{title}: JWT", ":", "'", "';DROP TABLE incident;--",
    "\\", "%", "_", "JWT\tcookie", "ümlaut", "日本語", "🙂", NULL,
  };

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;

      ap_incident_query_set_text (f->query, inputs[i]);
      ids = ap_incident_query_run (f->query, ap_plan_get_store (f->plan), &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
    }
  /* Operators are plain words; "JWT AND" needs the word "and" too. */
  g_assert_cmpuint (search (f, "title:JWT"), ==, search (f, "title JWT"));
  g_assert_true (finds (f, "(JWT Expired)", "inc-jwt-expired-signature"));
  g_assert_cmpuint (sql_int (f->plan, "SELECT count(*) FROM incident", NULL), ==, 12);
}

static void
test_build_match (void)
{
  struct { const char *in, *out; } cases[] = {
    { "jwt", "\"jwt\"*" },
    { "jwt ", "\"jwt\"" },
    { "a\"b c", "\"a\"\"b\" \"c\"*" },
    { "NEAR( x", "\"NEAR(\" \"x\"*" },
    { "x (", "\"x\"" },
    { "( ) * \" ^", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = ap_incident_query_build_match (cases[i].in);
      g_assert_cmpstr (match, ==, cases[i].out);
    }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  gint64 auth = sql_int (f->plan, "SELECT id FROM pain_category WHERE name = ?", "Authentication Clean-up");
  gint64 cats[2] = { auth, sql_int (f->plan, "SELECT id FROM pain_category WHERE name = ?", "Pipeline") };
  const char *open[] = { "Open", NULL };
  const char *closed[] = { "Closed", NULL };

  ap_incident_query_set_categories (f->query, cats, 1);
  g_assert_cmpuint (search (f, NULL), ==, 6);
  g_assert_cmpuint (search (f, "cookie"), ==, 2);
  g_assert_cmpuint (search (f, "networking"), ==, 0);
  ap_incident_query_set_categories (f->query, cats, 2);
  g_assert_cmpuint (search (f, NULL), ==, 7);
  g_assert_true (ap_incident_query_has_filters (f->query));
  ap_incident_query_clear_filters (f->query);
  g_assert_false (ap_incident_query_has_filters (f->query));

  ap_incident_query_set_statuses (f->query, open);
  g_assert_cmpuint (search (f, NULL), ==, 12);
  ap_incident_query_set_statuses (f->query, closed);
  g_assert_cmpuint (search (f, NULL), ==, 0);
  ap_incident_query_set_statuses (f->query, NULL);

  ap_incident_query_set_team (f->query, "SRE");
  g_assert_true (finds (f, NULL, "inc-django-admin-access"));
  g_assert_cmpuint (search (f, NULL), ==, 1);
  ap_incident_query_set_team (f->query, "Nobody");
  g_assert_cmpuint (search (f, NULL), ==, 0);
  ap_incident_query_set_team (f->query, NULL);

  /* Anecdote dates: 2020-06-09, 2020-06-10 and a month-precision 2021-08. */
  ap_incident_query_set_date_range (f->query, "2020-06-01", "2020-06-30");
  g_assert_cmpuint (search (f, NULL), ==, 2);
  ap_incident_query_set_date_range (f->query, "2021-08-10", NULL);
  g_assert_true (finds (f, NULL, "inc-jwt-issuer-config"));
  g_assert_cmpuint (search (f, NULL), ==, 1);
  ap_incident_query_set_date_range (f->query, NULL, "2019-12-31");
  g_assert_true (finds (f, NULL, "inc-jwt-expired-signature"));
  g_assert_cmpuint (search (f, NULL), ==, 1);
}

static char *
sort_value (Fixture        *f,
            ApIncidentSort  sort,
            gint64          id)
{
  ApIncident *inc = ap_row_list_lookup (ap_plan_get_incidents (f->plan), id);
  ApCategory *cat;

  switch (sort)
    {
    case AP_INCIDENT_SORT_ISSUE:
      return g_utf8_casefold (ap_incident_get_title (inc), -1);
    case AP_INCIDENT_SORT_CATEGORY:
      cat = ap_row_list_lookup (ap_plan_get_categories (f->plan), ap_incident_get_category_id (inc));
      return g_utf8_casefold (ap_category_get_name (cat), -1);
    case AP_INCIDENT_SORT_OCCURRENCES:
      return g_strdup_printf ("%012" G_GINT64_FORMAT, ap_incident_get_occurrences (inc) + 1);
    case AP_INCIDENT_SORT_ANECDOTES:
      return g_strdup_printf ("%012" G_GINT64_FORMAT, ap_incident_get_n_anecdotes (inc));
    case AP_INCIDENT_SORT_LAST_SEEN:
      return g_strdup (ap_incident_get_last_seen (inc) != NULL ? ap_incident_get_last_seen (inc) : "");
    case AP_INCIDENT_SORT_STATUS:
      return g_utf8_casefold (ap_incident_get_status (inc), -1);
    case AP_INCIDENT_SORT_TICKETS:
      return g_utf8_casefold (ap_incident_get_tickets (inc) != NULL ? ap_incident_get_tickets (inc) : "", -1);
    case AP_INCIDENT_SORT_DEFAULT:
    default:
      return g_strdup_printf ("%012" G_GINT64_FORMAT, ap_incident_get_position (inc));
    }
}

static void
test_sorting (Fixture       *f,
              gconstpointer  data)
{
  for (ApIncidentSort sort = 0; sort < AP_INCIDENT_N_SORTS; sort++)
    for (int desc = 0; desc < 2; desc++)
      {
        g_autoptr(GArray) ids = NULL;
        g_autofree char *first = NULL, *last = NULL;
        ApIncidentSort parsed;

        g_assert_true (ap_incident_sort_from_string (ap_incident_sort_to_string (sort), &parsed));
        g_assert_cmpint (parsed, ==, sort);
        ap_incident_query_set_sort (f->query, sort, desc);
        ids = run (f);
        g_assert_cmpuint (ids->len, ==, 12);
        for (guint i = 1; i < ids->len; i++)
          {
            g_autofree char *a = sort_value (f, sort, g_array_index (ids, gint64, i - 1));
            g_autofree char *b = sort_value (f, sort, g_array_index (ids, gint64, i));
            /* Tickets sort by the first key only; compare that. */
            if (sort == AP_INCIDENT_SORT_TICKETS)
              {
                char *comma;
                if ((comma = strchr (a, ',')) != NULL) *comma = '\0';
                if ((comma = strchr (b, ',')) != NULL) *comma = '\0';
              }
            if (desc)
              g_assert_cmpstr (a, >=, b);
            else
              g_assert_cmpstr (a, <=, b);
          }
        first = sort_value (f, sort, g_array_index (ids, gint64, 0));
        last = sort_value (f, sort, g_array_index (ids, gint64, ids->len - 1));
        if (sort != AP_INCIDENT_SORT_STATUS)
          g_assert_cmpstr (first, !=, last);
      }
}

static gint64
first_category (Fixture *f)
{
  return sql_int (f->plan, "SELECT id FROM pain_category ORDER BY position LIMIT 1", NULL);
}

static void
test_commands_keep_index (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ApIncidentFields fields = { .category_id = first_category (f), .title = "Quokka outage",
                              .description = "Wombat", .occurrences = 3, .status = "Open" };
  ApAnecdoteFields anecdote = { .date = "2022-02", .approximate = TRUE, .team = "Platypus", .text = "Echidna" };
  gint64 id, anecdote_id, ticket_id;
  ApIncident *incident;

  assert_index_consistent (f->plan);
  id = ap_plan_add_incident (f->plan, &fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (search (f, "quokka"), ==, 1);
  g_assert_cmpuint (search (f, "wombat"), ==, 1);

  anecdote_id = ap_plan_add_anecdote (f->plan, id, &anecdote, &error);
  g_assert_no_error (error);
  ticket_id = ap_plan_add_ticket (f->plan, id, "ZOO-77", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "echidna"), ==, 1);
  g_assert_cmpuint (search (f, "platypus"), ==, 1);
  g_assert_cmpuint (search (f, "ZOO-77"), ==, 1);
  /* The incident object follows its anecdotes and tickets. */
  incident = ap_row_list_lookup (ap_plan_get_incidents (f->plan), id);
  g_assert_cmpint (ap_incident_get_n_anecdotes (incident), ==, 1);
  g_assert_cmpstr (ap_incident_get_last_seen (incident), ==, "2022-02");
  g_assert_cmpstr (ap_incident_get_tickets (incident), ==, "ZOO-77");
  assert_index_consistent (f->plan);

  fields.title = "Kangaroo outage";
  g_assert_true (ap_plan_update_incident (f->plan, id, &fields, &error));
  anecdote.text = "Koala";
  g_assert_true (ap_plan_update_anecdote (f->plan, anecdote_id, &anecdote, &error));
  g_assert_true (ap_plan_update_ticket (f->plan, ticket_id, "ZOO-88", "Moved", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "quokka"), ==, 0);
  g_assert_cmpuint (search (f, "kangaroo"), ==, 1);
  g_assert_cmpuint (search (f, "echidna"), ==, 0);
  g_assert_cmpuint (search (f, "koala"), ==, 1);
  g_assert_cmpuint (search (f, "ZOO-77"), ==, 0);
  g_assert_cmpuint (search (f, "ZOO-88"), ==, 1);
  assert_index_consistent (f->plan);

  /* Undo walks back through the changesets; the triggers fire on apply. */
  for (int i = 0; i < 3; i++)
    g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "quokka"), ==, 1);
  g_assert_cmpuint (search (f, "echidna"), ==, 1);
  g_assert_cmpuint (search (f, "ZOO-77"), ==, 1);
  g_assert_cmpuint (search (f, "koala"), ==, 0);
  assert_index_consistent (f->plan);
  for (int i = 0; i < 3; i++)
    g_assert_true (ap_plan_redo (f->plan, &error));
  g_assert_cmpuint (search (f, "koala"), ==, 1);
  assert_index_consistent (f->plan);

  g_assert_true (ap_plan_delete_ticket (f->plan, ticket_id, &error));
  g_assert_cmpuint (search (f, "ZOO-88"), ==, 0);
  g_assert_true (ap_plan_delete_anecdote (f->plan, anecdote_id, &error));
  g_assert_cmpuint (search (f, "koala"), ==, 0);
  g_assert_cmpint (ap_incident_get_n_anecdotes (ap_row_list_lookup (ap_plan_get_incidents (f->plan), id)), ==, 0);
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_cmpuint (search (f, "koala"), ==, 1);
  g_assert_true (ap_plan_delete_incident (f->plan, id, &error));
  g_assert_no_error (error);
  g_assert_null (ap_row_list_lookup (ap_plan_get_incidents (f->plan), id));
  g_assert_cmpuint (search (f, "kangaroo"), ==, 0);
  g_assert_cmpuint (search (f, "ZOO-88"), ==, 0);
  assert_index_consistent (f->plan);
  /* Undoing the delete brings back the incident with its anecdotes and tickets. */
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "kangaroo koala ZOO-88"), ==, 1);
  g_assert_cmpint (ap_incident_get_n_anecdotes (ap_row_list_lookup (ap_plan_get_incidents (f->plan), id)), ==, 1);
  assert_index_consistent (f->plan);
}

static void
test_delete_sample_incident_undo (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = incident_id (f, "inc-jenkins-networking");

  g_assert_true (ap_plan_delete_incident (f->plan, id, &error));
  g_assert_cmpuint (search (f, "DOS-701"), ==, 0);
  g_assert_cmpuint (search (f, NULL), ==, 11);
  g_assert_cmpstr (ap_plan_get_undo_label (f->plan), ==, "Delete Incident");
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "DOS-701"), ==, 1);
  g_assert_cmpuint (search (f, "flaky timeout"), ==, 1);
  assert_index_consistent (f->plan);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  struct { const char *date; gboolean ok; } dates[] = {
    { "2021", TRUE }, { "2021-08", TRUE }, { "2021-08-31", TRUE }, { "2020-02-29", TRUE },
    { "2021-02-29", FALSE }, { "2021-13", FALSE }, { "2021-00", FALSE }, { "2021-8", FALSE },
    { "21-08-01", FALSE }, { "2021-08-32", FALSE }, { "2021/08/01", FALSE }, { "0000", FALSE },
    { "", FALSE }, { "2021-08-01x", FALSE },
  };
  ApIncidentFields fields = { .category_id = first_category (f), .title = "  ", .occurrences = -1 };
  ApAnecdoteFields anecdote = { .date = "2021-02-30", .text = "x" };
  gint64 id = incident_id (f, "inc-jwt-expired-signature");
  guint n_undo_before;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_assert_cmpint (ap_is_anecdote_date (dates[i].date), ==, dates[i].ok);

  n_undo_before = ap_plan_can_undo (f->plan);
  g_assert_cmpint (ap_plan_add_incident (f->plan, &fields, &error), ==, 0);
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "An incident needs a title");
  g_clear_error (&error);

  fields.title = "Fine";
  fields.category_id = 99999;
  g_assert_cmpint (ap_plan_add_incident (f->plan, &fields, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "The incident’s pain category does not exist");
  g_clear_error (&error);

  fields.category_id = first_category (f);
  fields.occurrences = -5;
  g_assert_false (ap_plan_update_incident (f->plan, id, &fields, &error));
  g_assert_cmpstr (error->message, ==, "The number of occurrences must be between 0 and 1,000,000,000");
  g_clear_error (&error);

  g_assert_cmpint (ap_plan_add_anecdote (f->plan, id, &anecdote, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "The date must be a real date written as YYYY-MM-DD, YYYY-MM or YYYY");
  g_clear_error (&error);
  anecdote.date = NULL;
  anecdote.text = "";
  g_assert_cmpint (ap_plan_add_anecdote (f->plan, id, &anecdote, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "An anecdote needs some text");
  g_clear_error (&error);
  anecdote.text = "ok";
  g_assert_cmpint (ap_plan_add_anecdote (f->plan, 99999, &anecdote, &error), ==, 0);
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (ap_plan_add_ticket (f->plan, id, "OPS 1", "", &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "A ticket key cannot contain spaces");
  g_clear_error (&error);
  g_assert_cmpint (ap_plan_add_ticket (f->plan, id, "", "", &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "A ticket needs a key, such as OPS-123");
  g_clear_error (&error);
  g_assert_false (ap_plan_delete_ticket (f->plan, 99999, &error));
  g_assert_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing was recorded for undo by refused commands. */
  g_assert_cmpint (ap_plan_can_undo (f->plan), ==, n_undo_before);
  g_assert_cmpint (sql_int (f->plan, "SELECT count(*) FROM incident", NULL), ==, 12);
}

static void
test_snapshot_import (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  ApIncidentFields fields = { .category_id = first_category (f), .title = "Quokka", .occurrences = -1 };

  g_assert_true (ap_plan_export_json_file (f->plan, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ap_plan_add_incident (f->plan, &fields, &error), >, 0);
  g_assert_cmpuint (search (f, "quokka"), ==, 1);
  /* Importing replaces everything; the index is rebuilt once, and the triggers and the
   * anecdote indexes are back. */
  g_assert_true (ap_plan_import_json_file (f->plan, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "quokka"), ==, 0);
  g_assert_cmpuint (search (f, "DOS-701"), ==, 1);
  g_assert_cmpuint (search (f, NULL), ==, 12);
  assert_index_consistent (f->plan);
  g_assert_cmpint (sql_int (f->plan, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'", NULL), ==, 9);
  g_assert_cmpint (sql_int (f->plan, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                     " AND name IN ('anecdote_team', 'anecdote_date')", NULL), ==, 2);
  g_assert_cmpint (ap_plan_add_incident (f->plan, &fields, &error), >, 0);
  g_assert_cmpuint (search (f, "quokka"), ==, 1);
  /* Undoing the import brings the index back too. */
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "quokka"), ==, 1);
  assert_index_consistent (f->plan);
  g_unlink (path);
}

/* The query keeps the ordered ids of the last run without search text (its base) and
 * filters them by each keystroke's matches; whatever changes the file makes it read
 * them again: another connection's commit, a transaction rolled back. */
static void
test_base_follows_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ApStore *store = ap_plan_get_store (f->plan);
  g_autofree char *insert = g_strdup_printf ("INSERT INTO incident (uid, category_id, title, position)"
                                             " VALUES ('inc-narwhal', %" G_GINT64_FORMAT ", 'Narwhal', 99)",
                                             first_category (f));
  sqlite3 *other = NULL;

  g_assert_cmpuint (search (f, NULL), ==, 12);
  g_assert_cmpuint (search (f, "narwhal"), ==, 0);

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpuint (search (f, "narwhal"), ==, 1);
  g_assert_cmpuint (search (f, NULL), ==, 13);

  /* Read inside a transaction, the base is not kept past it. */
  g_assert_true (ap_store_begin (store, &error));
  g_assert_true (ap_store_exec (store, "DELETE FROM incident WHERE uid = 'inc-narwhal'", &error));
  g_assert_cmpuint (search (f, NULL), ==, 12);
  g_assert_cmpuint (search (f, "narwhal"), ==, 0);
  ap_store_rollback (store);
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "narwhal"), ==, 1);
  g_assert_cmpuint (search (f, NULL), ==, 13);

  /* What the team filter keeps of the base follows the file too. */
  ap_incident_query_set_team (f->query, "Walrus");
  g_assert_cmpuint (search (f, NULL), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "INSERT INTO anecdote (uid, incident_id, team, text, position)"
                                        " SELECT 'ane-walrus', id, 'Walrus', 'Tusks', 0 FROM incident"
                                        " WHERE uid = 'inc-narwhal'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (finds (f, NULL, "inc-narwhal"));
  g_assert_cmpuint (search (f, NULL), ==, 1);
}

/* A search gives the same ids in the same order, for every sort, whether the query
 * has read its base and what a date filter keeps of it before, or reads both for the
 * search. */
static void
test_search_paths_agree (Fixture       *f,
                         gconstpointer  data)
{
  for (ApIncidentSort sort = 0; sort < AP_INCIDENT_N_SORTS; sort++)
    for (int desc = 0; desc < 2; desc++)
      {
        g_autoptr(ApIncidentQuery) fresh = ap_incident_query_new ();
        g_autoptr(GArray) sorted = NULL;
        g_autoptr(GArray) filtered = NULL;
        g_autoptr(GArray) base = NULL;

        ap_incident_query_set_sort (fresh, sort, desc);
        ap_incident_query_set_date_range (fresh, "2000", NULL);
        ap_incident_query_set_sort (f->query, sort, desc);
        ap_incident_query_set_date_range (f->query, "2000", NULL);
        /* A fresh query has no base yet: SQL sorts the matches. */
        ap_incident_query_set_text (fresh, "c");
        sorted = ap_incident_query_run (fresh, ap_plan_get_store (f->plan), NULL);
        /* The other one reads its base first, then filters it. */
        ap_incident_query_set_text (f->query, NULL);
        base = run (f);
        ap_incident_query_set_text (f->query, "c");
        filtered = run (f);
        g_assert_nonnull (sorted);
        g_assert_cmpuint (sorted->len, >=, 2);
        g_assert_cmpuint (sorted->len, <, base->len);
        g_assert_cmpmem (sorted->data, sorted->len * sizeof (gint64),
                         filtered->data, filtered->len * sizeof (gint64));
      }
}

/* Turns the fixture's file into an older version's with @sql, and opens it again as
 * the window does, which migrates it to the current version. */
static void
reopen_as_older (Fixture    *f,
                 const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = NULL;

  g_assert_true (ap_store_exec (ap_plan_get_store (f->plan), sql, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->plan));
  store = ap_store_open (f->path, AP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->plan = ap_plan_new_for_store (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->plan, "PRAGMA user_version", NULL), ==, AP_STORE_SCHEMA_VERSION);
}

/* More incidents and anecdotes for the team and date filters to tell apart: teams
 * that differ only in case, empty teams, dates of every precision and none, in most
 * years of the ranges below. */
static void
add_generated_anecdotes (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ap_store_exec (ap_plan_get_store (f->plan),
    "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 300)"
    " INSERT INTO incident (uid, category_id, title, occurrences, status, position)"
    " SELECT 'gen-' || k, (SELECT id FROM pain_category WHERE id >= (SELECT min (id) FROM pain_category) + k % 3"
    "  ORDER BY id LIMIT 1),"
    "  'Generated ' || k, k % 7, CASE k % 3 WHEN 0 THEN 'Open' WHEN 1 THEN 'Mitigated' ELSE '' END,"
    "  (k * 37) % 300 FROM n;"
    "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1000)"
    " INSERT INTO anecdote (uid, incident_id, date, team, text, position)"
    " SELECT 'gen-a-' || k,"
    "  (SELECT id FROM incident WHERE id >= (k * 7919) % (SELECT max (id) FROM incident) ORDER BY id LIMIT 1),"
    "  CASE k % 5 WHEN 0 THEN NULL WHEN 1 THEN printf ('%04d', 2018 + k % 6)"
    "   WHEN 2 THEN printf ('%04d-%02d', 2018 + k % 6, 1 + k % 12)"
    "   ELSE printf ('%04d-%02d-%02d', 2018 + k % 6, 1 + k % 12, 1 + k % 28) END,"
    "  CASE k % 7 WHEN 0 THEN 'SRE' WHEN 1 THEN 'sre' WHEN 2 THEN 'Ops' WHEN 3 THEN ''"
    "   WHEN 4 THEN 'Équipe Paris' ELSE 'Data' END,"
    "  'Generated anecdote ' || k, k FROM n", &error));
  g_assert_no_error (error);
}

/* The incidents with an anecdote of @team dated in [@from, @to], as the query found
 * them before migration 3: an EXISTS over each incident's anecdotes. */
static GHashTable *
ids_seen_by (Fixture    *f,
             const char *team,
             const char *from,
             const char *to)
{
  sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (f->plan),
    "SELECT i.id FROM incident i WHERE EXISTS (SELECT 1 FROM anecdote a WHERE a.incident_id = i.id"
    " AND (?1 IS NULL OR a.team = ?1)"
    " AND (?2 IS NULL OR a.date >= substr (?2, 1, length (a.date)))"
    " AND (?3 IS NULL OR a.date <= ?3))", NULL);
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  return ids;
}

/* The team and date filters keep the same incidents as the EXISTS they replace, in
 * the order the list has without them, for every sort and with a search or a
 * category filter on top. */
static void
test_anecdote_filters (Fixture       *f,
                       gconstpointer  data)
{
  const char *teams[] = { NULL, "SRE", "sre", "Ops", "Équipe Paris", "Nobody" };
  const char *ranges[][2] = {
    { NULL, NULL }, { "2019", NULL }, { "2020-06", NULL }, { "2020-06-15", "2021-03" },
    { NULL, "2020-12-31" }, { "2022", "2022" }, { "2021-02-01", "2021-02-28" },
  };
  const char *texts[] = { NULL, "generated 1" };
  gint64 category = first_category (f);
  g_autoptr(ApIncidentQuery) all = ap_incident_query_new ();
  guint n_kept = 0, n_runs = 0;

  add_generated_anecdotes (f);
  for (guint t = 0; t < G_N_ELEMENTS (teams); t++)
    for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
      {
        /* Without a team or dates there is no EXISTS: incidents without anecdotes too. */
        gboolean unfiltered_too = teams[t] == NULL && ranges[r][0] == NULL && ranges[r][1] == NULL;
        g_autoptr(GHashTable) seen = ids_seen_by (f, teams[t], ranges[r][0], ranges[r][1]);

        ap_incident_query_set_team (f->query, teams[t]);
        ap_incident_query_set_date_range (f->query, ranges[r][0], ranges[r][1]);
        for (guint v = 0; v < 2 * G_N_ELEMENTS (texts) * AP_INCIDENT_N_SORTS * 2; v++)
          {
            ApIncidentSort sort = v / 2 % AP_INCIDENT_N_SORTS;
            gboolean desc = v % 2;
            const char *text = texts[v / (2 * AP_INCIDENT_N_SORTS) % G_N_ELEMENTS (texts)];
            guint n_categories = v / (2 * AP_INCIDENT_N_SORTS * G_N_ELEMENTS (texts));
            g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
            g_autoptr(GArray) unfiltered = NULL;
            g_autoptr(GArray) ids = NULL;

            for (ApIncidentQuery **q = (ApIncidentQuery *[]) { f->query, all, NULL }; *q != NULL; q++)
              {
                ap_incident_query_set_sort (*q, sort, desc);
                ap_incident_query_set_text (*q, text);
                ap_incident_query_set_categories (*q, &category, n_categories);
              }
            unfiltered = ap_incident_query_run (all, ap_plan_get_store (f->plan), NULL);
            for (guint i = 0; i < unfiltered->len; i++)
              if (unfiltered_too || g_hash_table_contains (seen, &g_array_index (unfiltered, gint64, i)))
                g_array_append_val (expected, g_array_index (unfiltered, gint64, i));
            ids = run (f);
            g_assert_cmpmem (ids->data, ids->len * sizeof (gint64),
                             expected->data, expected->len * sizeof (gint64));
            n_kept += ids->len;
            n_runs++;
          }
      }
  /* Not every answer was empty, nor every one everything. */
  g_assert_cmpuint (n_kept, >, 0);
  g_assert_cmpuint (n_kept, <, n_runs * 312);
}

/* A version-2 file (without the anecdote indexes) gets them when opened, and its
 * incidents filter by team and date as before. */
static void
test_migration_2_to_3 (Fixture       *f,
                       gconstpointer  data)
{
  add_generated_anecdotes (f);
  reopen_as_older (f, "DROP INDEX anecdote_team; DROP INDEX anecdote_date; PRAGMA user_version = 2;");
  g_assert_cmpint (sql_int (f->plan, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN"
                                     " ('anecdote_team', 'anecdote_date')", NULL), ==, 2);
  ap_incident_query_set_team (f->query, "SRE");
  ap_incident_query_set_date_range (f->query, "2020", NULL);
  {
    g_autoptr(GHashTable) seen = ids_seen_by (f, "SRE", "2020", NULL);
    g_autoptr(GArray) ids = run (f);

    g_assert_cmpuint (ids->len, >, 0);
    g_assert_cmpuint (ids->len, ==, g_hash_table_size (seen));
  }
}

/* A version-1 file (no index) with incidents gets its index built when opened, and
 * the later migrations' indexes. */
static void
test_migration_1_to_2 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Which drops the triggers, and the anecdote indexes of version 3. */
  g_assert_true (ap_store_exec (ap_plan_get_store (f->plan), ap_schema_fts_suspend, &error));
  g_assert_no_error (error);
  reopen_as_older (f, "DROP TABLE incident_fts; DROP TABLE incident_fts_stats;"
                      " DROP INDEX incident_position; DROP INDEX incident_title;"
                      " DROP INDEX incident_occurrences; DROP INDEX incident_status;"
                      " DROP INDEX pain_category_name; DROP INDEX incident_category;"
                      " CREATE INDEX incident_category ON incident (category_id);"
                      " PRAGMA user_version = 1;");
  g_assert_cmpint (sql_int (f->plan, "SELECT count(*) FROM incident_fts", NULL), ==, 12);
  g_assert_cmpuint (search (f, "enterprise-titans"), ==, 1);
  g_assert_cmpint (sql_int (f->plan, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN"
                                     " ('incident_position', 'incident_title', 'incident_occurrences',"
                                     "  'incident_status', 'pain_category_name', 'anecdote_team', 'anecdote_date')",
                           NULL), ==, 7);
  assert_index_consistent (f->plan);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/incident-query/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/incident-query/build-match", test_build_match);
  ADD ("search-fields", test_search_fields);
  ADD ("special-characters", test_special_characters);
  ADD ("filters", test_filters);
  ADD ("sorting", test_sorting);
  ADD ("commands-keep-index", test_commands_keep_index);
  ADD ("delete-undo", test_delete_sample_incident_undo);
  ADD ("validation", test_validation);
  ADD ("snapshot-import", test_snapshot_import);
  ADD ("base-follows-file", test_base_follows_file);
  ADD ("search-paths-agree", test_search_paths_agree);
  ADD ("anecdote-filters", test_anecdote_filters);
  ADD ("migration-1-to-2", test_migration_1_to_2);
  ADD ("migration-2-to-3", test_migration_2_to_3);
#undef ADD

  return g_test_run ();
}
