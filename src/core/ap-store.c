/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ap-schema.h"
#include "ap-store.h"

struct _ApStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements; /* SQL text (borrowed, static) → sqlite3_stmt* */
  gboolean    created;
  gboolean    wal_checked;
};

G_DEFINE_TYPE (ApStore, ap_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (ap-store-error-quark, ap_store_error)

/* How long a writer waits for another connection's lock before giving up. */
#define BUSY_TIMEOUT_MS 2000

static ApStoreError
code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return AP_STORE_ERROR_NOT_DATABASE;
    case SQLITE_CORRUPT:
      return AP_STORE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return AP_STORE_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return AP_STORE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
      return AP_STORE_ERROR_IO;
    case SQLITE_CONSTRAINT:
      return AP_STORE_ERROR_INVALID;
    default:
      return AP_STORE_ERROR_IO;
    }
}

static const char *
message_for_code (ApStoreError code)
{
  switch (code)
    {
    case AP_STORE_ERROR_NOT_DATABASE:
      return _("not an Archplan plan (the file is not a database)");
    case AP_STORE_ERROR_CORRUPT:
      return _("the plan file is damaged");
    case AP_STORE_ERROR_LOCKED:
      return _("the plan is in use by another program; close it there and try again");
    case AP_STORE_ERROR_READ_ONLY:
      return _("the plan file cannot be written (it or its folder is read-only)");
    default:
      return NULL;
    }
}

static gboolean
set_error_from_rc (GError     **error,
                   sqlite3     *db,
                   int          rc,
                   const char  *what)
{
  ApStoreError code = code_for_sqlite (rc);
  const char *friendly = message_for_code (code);

  if (friendly != NULL)
    g_set_error_literal (error, AP_STORE_ERROR, code, friendly);
  else
    g_set_error (error, AP_STORE_ERROR, code, "%s: %s", what,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      ApStoreError code = code_for_sqlite (rc);
      const char *friendly = message_for_code (code);

      if (friendly != NULL)
        g_set_error_literal (error, AP_STORE_ERROR, code, friendly);
      else
        g_set_error (error, AP_STORE_ERROR, code, "%s", msg != NULL ? msg : sqlite3_errstr (rc));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  sqlite3_finalize (stmt);
  return set_error_from_rc (error, db, rc, "query");
}

/* Runs PRAGMA quick_check, which catches damaged pages that plain reads can miss. */
static gboolean
check_integrity (sqlite3  *db,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_OK)
    return set_error_from_rc (error, db, rc, "quick_check");
  if (!ok)
    {
      g_set_error_literal (error, AP_STORE_ERROR, AP_STORE_ERROR_CORRUPT,
                           message_for_code (AP_STORE_ERROR_CORRUPT));
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (sqlite3  *db,
         gint64    from_version,
         GError  **error)
{
  for (gint64 v = from_version; v < (gint64) ap_schema_n_migrations; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);

      if (!exec_sql (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (v == 0 && !exec_sql (db, "PRAGMA application_id = " G_STRINGIFY (AP_STORE_APPLICATION_ID), error))
        goto fail;
      if (!exec_sql (db, ap_schema_migrations[v], error) ||
          !exec_sql (db, bump, error) ||
          !exec_sql (db, "COMMIT", error))
        goto fail;
    }
  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Reads the header without writing anything: is this ours, and which version?
 * A fresh file (no tables, application_id 0, user_version 0) is treated as new. */
static gboolean
identify (sqlite3   *db,
          gboolean  *is_new,
          gint64    *version,
          GError   **error)
{
  gint64 app_id = 0, n_objects = 0;

  /* The first statement is the one that notices a file that is not a database. */
  if (!query_int (db, "SELECT count(*) FROM sqlite_master", &n_objects, error) ||
      !query_int (db, "PRAGMA application_id", &app_id, error) ||
      !query_int (db, "PRAGMA user_version", version, error))
    return FALSE;

  *is_new = (n_objects == 0 && app_id == 0 && *version == 0);
  if (*is_new)
    return TRUE;

  if (app_id != AP_STORE_APPLICATION_ID)
    {
      g_set_error_literal (error, AP_STORE_ERROR, AP_STORE_ERROR_NOT_PLAN,
                           _("not an Archplan plan (a database of another program)"));
      return FALSE;
    }
  if (*version > (gint64) ap_schema_n_migrations)
    {
      g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_NEWER_VERSION,
                   _("the plan was saved by a newer version of Archplan (format %d, this version reads up to %d); please update Archplan"),
                   (int) *version, (int) ap_schema_n_migrations);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure (sqlite3   *db,
           gboolean   on_disk,
           GError   **error)
{
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (!exec_sql (db, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  /* synchronous=FULL: under WAL, NORMAL can lose the last commits on power loss. */
  if (on_disk && !exec_sql (db, "PRAGMA synchronous = FULL", error))
    return FALSE;
  return TRUE;
}

/* WAL keeps readers and the writer apart and, with synchronous=FULL, loses no commit on
 * power loss. Switching to it rewrites the file's header, so it happens before the first
 * write rather than at open: a plan that is only read (an export) stays byte-identical.
 * Where WAL cannot work (some network and FUSE file systems) SQLite stays in
 * rollback-journal mode, which is also safe with synchronous=FULL. */
static gboolean
ensure_wal (ApStore  *self,
            GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->wal_checked || self->path == NULL)
    return TRUE;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) != SQLITE_OK)
    return set_error_from_rc (error, self->db, sqlite3_errcode (self->db), "journal_mode");
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW &&
      g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    g_debug ("WAL is not available here; using a rollback journal");
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error_from_rc (error, self->db, rc, "journal_mode");
  self->wal_checked = TRUE;
  return TRUE;
}

static gboolean
check_writable (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  GStatBuf st;

  /* access() and stat() look at the file without opening it: opening and closing a
   * descriptor on a file SQLite holds would drop SQLite's locks on it. The mode bits
   * are checked too because access() always answers yes to root, and a file the user
   * marked read-only must stay unchanged whoever runs the program. A folder needs to
   * be writable for the journal that SQLite creates beside the file. */
  if ((exists && (g_access (path, W_OK) != 0 ||
                  (g_stat (path, &st) == 0 && (st.st_mode & 0222) == 0))) ||
      g_access (dir, W_OK) != 0 ||
      (g_stat (dir, &st) == 0 && (st.st_mode & 0222) == 0))
    {
      g_set_error_literal (error, AP_STORE_ERROR, AP_STORE_ERROR_READ_ONLY,
                           message_for_code (AP_STORE_ERROR_READ_ONLY));
      return FALSE;
    }
  return TRUE;
}

static ApStore *
open_db (const char        *path,
         ApStoreOpenFlags   flags,
         GError           **error)
{
  g_autoptr(ApStore) self = NULL;
  gboolean on_disk = path != NULL;
  gboolean exists = on_disk && g_file_test (path, G_FILE_TEST_EXISTS);
  gboolean is_new = FALSE;
  gint64 version = 0;
  int rc;

  if (on_disk && !exists && !(flags & AP_STORE_OPEN_CREATE))
    {
      g_set_error_literal (error, AP_STORE_ERROR, AP_STORE_ERROR_NOT_FOUND,
                           _("no such file"));
      return NULL;
    }
  if (on_disk && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error_literal (error, AP_STORE_ERROR, AP_STORE_ERROR_IO, _("is a folder, not a plan file"));
      return NULL;
    }
  if (on_disk && !check_writable (path, exists, error))
    return NULL;

  self = g_object_new (AP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (on_disk ? path : ":memory:", &self->db,
                        /* One thread uses a store (checks in the background open their
                         * own connection), so SQLite's per-call locking is not needed. */
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW |
                        SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, self->db, rc, "open");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!identify (self->db, &is_new, &version, error))
    return NULL;
  if (!is_new && !(flags & AP_STORE_OPEN_DEFER_CHECK) && !check_integrity (self->db, error))
    return NULL;
  if (!configure (self->db, on_disk, error))
    return NULL;
  if (version < (gint64) ap_schema_n_migrations &&
      (!ensure_wal (self, error) || !migrate (self->db, version, error)))
    return NULL;

  self->created = is_new;
  return g_steal_pointer (&self);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ap_store_finalize (GObject *object)
{
  ApStore *self = AP_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (ap_store_parent_class)->finalize (object);
}

static void
ap_store_class_init (ApStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ap_store_finalize;
}

static void
ap_store_init (ApStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

/**
 * ap_store_open:
 * @path: the plan file
 * @flags: whether to create it
 * @error: set to an #AP_STORE_ERROR whose message a person understands
 *
 * Opens (and, if it is from an older version, migrates) a plan file. Checks happen
 * before anything is written, so a file that is refused is left untouched.
 */
ApStore *
ap_store_open (const char        *path,
               ApStoreOpenFlags   flags,
               GError           **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_db (path, flags, error);
}

ApStore *
ap_store_new_memory (GError **error)
{
  return open_db (NULL, AP_STORE_OPEN_CREATE, error);
}

const char *
ap_store_get_path (ApStore *self)
{
  g_return_val_if_fail (AP_IS_STORE (self), NULL);
  return self->path;
}

/* Whether the file was empty when it was opened (a new plan). */
gboolean
ap_store_get_created (ApStore *self)
{
  g_return_val_if_fail (AP_IS_STORE (self), FALSE);
  return self->created;
}

sqlite3 *
ap_store_get_db (ApStore *self)
{
  g_return_val_if_fail (AP_IS_STORE (self), NULL);
  return self->db;
}

gboolean
ap_store_set_error (ApStore     *self,
                    GError     **error,
                    const char  *what)
{
  return set_error_from_rc (error, self->db, sqlite3_extended_errcode (self->db), what);
}

/**
 * ap_store_prepare:
 *
 * Returns a cached prepared statement for @sql, reset and with its bindings cleared.
 * @sql must be a string that lives as long as the store (a literal): the cache is
 * keyed by its address. The statement belongs to the store.
 */
sqlite3_stmt *
ap_store_prepare (ApStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AP_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      ap_store_set_error (self, error, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
ap_store_exec (ApStore     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (AP_IS_STORE (self), FALSE);
  return exec_sql (self->db, sql, error);
}

/* Steps a statement that returns no rows, and resets it. */
gboolean
ap_store_step_done (ApStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_rc (error, self->db, rc, "write");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ap_store_begin (ApStore  *self,
                GError  **error)
{
  g_return_val_if_fail (AP_IS_STORE (self), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (self->db), FALSE);
  if (!ensure_wal (self, error))
    return FALSE;
  /* IMMEDIATE takes the write lock now, so a busy file fails here, before any change. */
  return exec_sql (self->db, "BEGIN IMMEDIATE", error);
}

gboolean
ap_store_commit (ApStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (AP_IS_STORE (self), FALSE);
  if (!exec_sql (self->db, "COMMIT", error))
    {
      ap_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
ap_store_rollback (ApStore *self)
{
  g_return_if_fail (AP_IS_STORE (self));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
ap_store_in_transaction (ApStore *self)
{
  g_return_val_if_fail (AP_IS_STORE (self), FALSE);
  return !sqlite3_get_autocommit (self->db);
}

/* Whether the plan holds no roadmap and no incidents (a plan that was just created). */
gboolean
ap_store_is_empty (ApStore *self)
{
  gint64 n = 0;

  g_return_val_if_fail (AP_IS_STORE (self), TRUE);
  if (!query_int (self->db,
                  "SELECT (SELECT count(*) FROM card) + (SELECT count(*) FROM incident)"
                  " + (SELECT count(*) FROM period) + (SELECT count(*) FROM pain_category)",
                  &n, NULL))
    return FALSE;
  return n == 0;
}

/**
 * ap_store_backup_to:
 *
 * Writes a consistent copy of the plan to @path with SQLite's backup API: first to a
 * temporary file beside it, then renamed over it, so @path is never half written.
 */
gboolean
ap_store_backup_to (ApStore     *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  g_return_val_if_fail (AP_IS_STORE (self), FALSE);

  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, AP_STORE_ERROR,
                   saved == EACCES || saved == EROFS ? AP_STORE_ERROR_READ_ONLY : AP_STORE_ERROR_IO,
                   _("cannot write in %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dest);
      /* A copy of a WAL database is a WAL database; keep it self-contained. */
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, dest, rc, "backup");
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_close (dest);

  /* A log left beside an older file of that name must not be replayed into the copy. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
      g_autofree char *stale = g_strconcat (path, suffixes[i], NULL);

      g_unlink (stale);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_IO, "%s", g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Runs in a worker thread on a connection of its own, read-only, so the window's
 * connection stays free for the user. */
static void
check_integrity_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  const char *path = task_data;
  sqlite3 *db = NULL;
  GError *error = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    set_error_from_rc (&error, db, rc, "open");
  else
    {
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      check_integrity (db, &error);
    }
  sqlite3_close_v2 (db);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ap_store_check_integrity_async:
 *
 * Runs PRAGMA quick_check on the plan file in a worker thread, for a store opened with
 * %AP_STORE_OPEN_DEFER_CHECK. A plan in memory is always fine.
 */
void
ap_store_check_integrity_async (ApStore             *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AP_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ap_store_check_integrity_async);
  if (self->path == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, check_integrity_thread);
}

gboolean
ap_store_check_integrity_finish (ApStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
