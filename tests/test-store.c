/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ap-plan.h"
#include "ap-store.h"

/* Store tests: creating and migrating plan files, and refusing every kind of bad file
 * with a clear message while leaving the file exactly as it was. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("archplan-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "plan.archplan", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0700);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_chmod (child, 0600);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

/* The bytes and modification time of a file, to prove that nothing touched it. */
typedef struct
{
  GBytes *bytes;
  gint64  mtime;
  gboolean wal_exists;
} FileState;

static void
file_state_read (FileState  *state,
                 const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize len = 0;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  state->bytes = g_bytes_new (contents, len);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  state->mtime = st.st_mtime;
  state->wal_exists = g_file_test (wal, G_FILE_TEST_EXISTS);
}

static void
assert_unchanged (FileState  *before,
                  const char *path)
{
  FileState after;

  file_state_read (&after, path);
  g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  g_assert_cmpint (before->mtime, ==, after.mtime);
  g_assert_cmpint (before->wal_exists, ==, after.wal_exists);
  g_bytes_unref (after.bytes);
  g_bytes_unref (before->bytes);
}

static void
assert_refused (const char  *path,
                int          code,
                const char  *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = ap_store_open (path, AP_STORE_OPEN_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, AP_STORE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = ap_store_open (f->path, AP_STORE_OPEN_CREATE, &error);
  g_autofree char *mode = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_true (ap_store_get_created (store));
  db = ap_store_get_db (store);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, AP_STORE_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, AP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2); /* FULL */
  mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_true (ap_store_is_empty (store));
  /* Every table of the domain model is there. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                                  " ('plan', 'organization', 'activity', 'step', 'period', 'stage',"
                                  "  'initiative', 'card', 'card_organization', 'pain_category',"
                                  "  'incident', 'anecdote', 'ticket', 'card_category', 'card_incident',"
                                  "  'card_dependency', 'history')"), ==, 17);
}

static void
test_reopen_keeps_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ApStore *store = ap_store_open (f->path, AP_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (ap_store_exec (store, "UPDATE plan SET title = 'Kept'", &error));
  g_object_unref (store);

  store = ap_store_open (f->path, AP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (ap_store_get_created (store));
  g_assert_cmpint (query_int (ap_store_get_db (store), "PRAGMA user_version"), ==, AP_STORE_SCHEMA_VERSION);
  {
    g_autofree char *title = query_text (ap_store_get_db (store), "SELECT title FROM plan");
    g_assert_cmpstr (title, ==, "Kept");
  }
  g_object_unref (store);
}

/* A file of version 0 that is marked as ours (as an interrupted first start could leave
 * it) is migrated, each step in its own transaction. */
static void
test_migrate_from_zero (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1098015592; CREATE TABLE scratch (x);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ap_store_open (f->path, AP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (ap_store_get_db (store), "PRAGMA user_version"), ==, AP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (ap_store_get_db (store), "SELECT count(*) FROM plan"), ==, 1);
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = ap_store_open (f->path, AP_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, AP_STORE_ERROR, AP_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no such file");
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  FileState before;
  const char *text = "These are my meeting notes, not a plan.\n";

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  file_state_read (&before, f->path);
  assert_refused (f->path, AP_STORE_ERROR_NOT_DATABASE,
                  "not an Archplan plan (the file is not a database)");
  assert_unchanged (&before, f->path);
}

static void
test_other_database (Fixture       *f,
                     gconstpointer  data)
{
  FileState before;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  file_state_read (&before, f->path);
  assert_refused (f->path, AP_STORE_ERROR_NOT_PLAN,
                  "not an Archplan plan (a database of another program)");
  assert_unchanged (&before, f->path);
}

static void
make_plan (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = ap_store_open (path, AP_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  /* Enough rows for several pages, so that a damaged page is not the header. */
  g_assert_true (ap_store_exec (store,
                                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                                " INSERT INTO organization (uid, name, color, position)"
                                " SELECT 'org-' || i, printf('Organization %d with a long name', i), '#336699', i FROM n",
                                &error));
  g_assert_no_error (error);
  /* Leave a self-contained file: no WAL beside it. */
  g_assert_true (ap_store_exec (store, "PRAGMA journal_mode = DELETE", &error));
}

/* Scribbles over one leaf page of the organization table: damage in the middle of the
 * data, not in the header or the schema, and not in a free page that no check reads.
 * The page is found with the dbstat table where SQLite has it (Debian's does), else
 * the middle of the file stands in. */
static void
damage_data_page (const char *path)
{
  g_autofree char *contents = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 page = 0, page_size = 4096;
  gsize len = 0, offset;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT pageno, (SELECT page_size FROM pragma_page_size) FROM dbstat"
                              " WHERE name = 'organization' AND pagetype = 'leaf' ORDER BY pageno"
                              " LIMIT 1 OFFSET 2", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      page = sqlite3_column_int64 (stmt, 0);
      page_size = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8 * page_size);
  offset = page > 0 ? (gsize) (page - 1) * page_size : len / 2;
  g_test_message ("damaging the %" G_GINT64_FORMAT "-byte page at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                  page_size, offset, len);
  memset (contents + offset, 0x5a, page_size);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

/* The next format and a far one are refused alike; this build reads up to 3. */
static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  const int versions[] = { AP_STORE_SCHEMA_VERSION + 1, 7 };

  g_assert_cmpint (AP_STORE_SCHEMA_VERSION, ==, 3);
  make_plan (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", versions[i]);
      g_autofree char *message = g_strdup_printf ("the plan was saved by a newer version of Archplan"
                                                  " (format %d, this version reads up to 3);"
                                                  " please update Archplan", versions[i]);
      FileState before;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      file_state_read (&before, f->path);
      assert_refused (f->path, AP_STORE_ERROR_NEWER_VERSION, message);
      assert_unchanged (&before, f->path);
    }
}

/* A file of version 2, as the previous release wrote it, is migrated when opened:
 * it gains the anecdote indexes of version 3 and keeps its data. */
static void
test_migrate_from_two (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = NULL;
  sqlite3 *db = NULL;

  make_plan (f->path);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX anecdote_team; DROP INDEX anecdote_date;"
                                     " PRAGMA user_version = 2;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ap_store_open (f->path, AP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  db = ap_store_get_db (store);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                  " AND name IN ('anecdote_team', 'anecdote_date')"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM organization"), ==, 2000);
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  FileState before;

  make_plan (f->path);
  damage_data_page (f->path);
  file_state_read (&before, f->path);
  assert_refused (f->path, AP_STORE_ERROR_CORRUPT, "the plan file is damaged");
  assert_unchanged (&before, f->path);
}

static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (ap_store_check_integrity_finish (AP_STORE (source), result, error))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "fine");
}

static GError *
check_in_background (ApStore *store)
{
  GError *error = NULL;

  ap_store_check_integrity_async (store, NULL, on_checked_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

/* A window opens a plan at once and checks it in the background; a damaged page is
 * found there too, on a connection of the checker's own. */
static void
test_deferred_check (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) result = NULL;
  ApStore *store;

  make_plan (f->path);
  store = ap_store_open (f->path, AP_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  result = check_in_background (store);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS); /* i.e. no damage found */
  g_clear_error (&result);
  g_object_unref (store);

  damage_data_page (f->path);

  store = ap_store_open (f->path, AP_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  result = check_in_background (store);
  g_assert_error (result, AP_STORE_ERROR, AP_STORE_ERROR_CORRUPT);
  g_assert_cmpstr (result->message, ==, "the plan file is damaged");
  g_object_unref (store);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GOutputStream *in;
  const char *script = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT 'locked';\n";
  FileState before;

  if (g_find_program_in_path ("sqlite3") == NULL)
    {
      g_test_skip ("the sqlite3 program is needed to hold a lock from another process");
      return;
    }
  make_plan (f->path);
  file_state_read (&before, f->path);

  /* Another process takes the lock and keeps it until its input closes. */
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, "sqlite3", f->path, NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (holder);
  g_assert_true (g_output_stream_write_all (in, script, strlen (script), NULL, NULL, &error));
  g_assert_true (g_output_stream_flush (in, NULL, &error));
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  /* The PRAGMA answers "exclusive" first; wait for the SELECT's answer. */
  do
    {
      g_free (line);
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
    }
  while (!g_str_equal (line, "locked"));

  assert_refused (f->path, AP_STORE_ERROR_LOCKED,
                  "the plan is in use by another program; close it there and try again");

  g_output_stream_close (in, NULL, NULL);
  g_assert_true (g_subprocess_wait (holder, NULL, &error));
  assert_unchanged (&before, f->path);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  FileState before;

  make_plan (f->path);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  file_state_read (&before, f->path);
  assert_refused (f->path, AP_STORE_ERROR_READ_ONLY,
                  "the plan file cannot be written (it or its folder is read-only)");
  assert_unchanged (&before, f->path);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  FileState before;

  make_plan (f->path);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  file_state_read (&before, f->path);
  assert_refused (f->path, AP_STORE_ERROR_READ_ONLY,
                  "the plan file cannot be written (it or its folder is read-only)");
  assert_unchanged (&before, f->path);
  g_chmod (f->dir, 0700);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = ap_store_open (f->path, AP_STORE_OPEN_CREATE, &error);
  g_autofree char *copy = g_build_filename (f->dir, "copy.archplan", NULL);
  g_autoptr(ApStore) reopened = NULL;
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  g_assert_true (ap_store_exec (store, "UPDATE plan SET title = 'Backed up'", &error));
  g_assert_true (ap_store_backup_to (store, copy, &error));
  g_assert_no_error (error);

  reopened = ap_store_open (copy, AP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  title = query_text (ap_store_get_db (reopened), "SELECT title FROM plan");
  g_assert_cmpstr (title, ==, "Backed up");
}

static void
test_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ApStore) store = ap_store_new_memory (&error);

  g_assert_no_error (error);
  g_assert_null (ap_store_get_path (store));
  g_assert_cmpint (query_int (ap_store_get_db (store), "PRAGMA foreign_keys"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/create", test_create);
  ADD ("/store/reopen-keeps-data", test_reopen_keeps_data);
  ADD ("/store/migrate-from-zero", test_migrate_from_zero);
  ADD ("/store/migrate-from-two", test_migrate_from_two);
  ADD ("/store/bad/missing", test_missing);
  ADD ("/store/bad/not-a-database", test_not_a_database);
  ADD ("/store/bad/other-database", test_other_database);
  ADD ("/store/bad/newer-version", test_newer_version);
  ADD ("/store/bad/corrupt", test_corrupt);
  ADD ("/store/bad/locked", test_locked);
  ADD ("/store/bad/corrupt-found-in-background", test_deferred_check);
  ADD ("/store/bad/read-only-file", test_read_only_file);
  ADD ("/store/bad/read-only-folder", test_read_only_folder);
  ADD ("/store/backup", test_backup);
#undef ADD
  g_test_add_func ("/store/memory", test_memory);

  return g_test_run ();
}
