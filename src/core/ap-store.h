/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* "Arch" in ASCII: marks a SQLite file as an Archplan plan (PRAGMA application_id). */
#define AP_STORE_APPLICATION_ID 0x41726368
/* The schema version this build writes (PRAGMA user_version). */
#define AP_STORE_SCHEMA_VERSION 3

#define AP_STORE_ERROR (ap_store_error_quark ())

typedef enum
{
  AP_STORE_ERROR_NOT_DATABASE,  /* the file is not a SQLite database */
  AP_STORE_ERROR_NOT_PLAN,      /* a SQLite database, but not an Archplan plan */
  AP_STORE_ERROR_NEWER_VERSION, /* written by a newer Archplan */
  AP_STORE_ERROR_CORRUPT,       /* fails PRAGMA quick_check */
  AP_STORE_ERROR_LOCKED,        /* another process holds a lock */
  AP_STORE_ERROR_READ_ONLY,     /* the file or its folder cannot be written */
  AP_STORE_ERROR_NOT_FOUND,     /* the file does not exist (and creation was not asked) */
  AP_STORE_ERROR_IO,            /* any other SQLite or file-system failure */
  AP_STORE_ERROR_INVALID,       /* a command was given values it refuses */
} ApStoreError;

typedef enum
{
  AP_STORE_OPEN_DEFAULT = 0,
  AP_STORE_OPEN_CREATE = 1 << 0, /* create the file (empty schema) if it does not exist */
  /* Leave PRAGMA quick_check to ap_store_check_integrity_async (): on a big plan it
   * costs more than reading the plan, so a window opens first and checks meanwhile. */
  AP_STORE_OPEN_DEFER_CHECK = 1 << 1,
} ApStoreOpenFlags;

#define AP_TYPE_STORE (ap_store_get_type ())
G_DECLARE_FINAL_TYPE (ApStore, ap_store, AP, STORE, GObject)

GQuark        ap_store_error_quark      (void);

ApStore      *ap_store_open             (const char        *path,
                                         ApStoreOpenFlags   flags,
                                         GError           **error);
ApStore      *ap_store_new_memory       (GError           **error);
const char   *ap_store_get_path         (ApStore           *self);
gboolean      ap_store_get_created      (ApStore           *self);
sqlite3      *ap_store_get_db           (ApStore           *self);

sqlite3_stmt *ap_store_prepare          (ApStore           *self,
                                         const char        *sql,
                                         GError           **error);
gboolean      ap_store_exec             (ApStore           *self,
                                         const char        *sql,
                                         GError           **error);
gboolean      ap_store_step_done        (ApStore           *self,
                                         sqlite3_stmt      *stmt,
                                         GError           **error);
gboolean      ap_store_begin            (ApStore           *self,
                                         GError           **error);
gboolean      ap_store_commit           (ApStore           *self,
                                         GError           **error);
void          ap_store_rollback         (ApStore           *self);
gboolean      ap_store_in_transaction   (ApStore           *self);
gboolean      ap_store_set_error        (ApStore           *self,
                                         GError           **error,
                                         const char        *what);
gboolean      ap_store_backup_to        (ApStore           *self,
                                         const char        *path,
                                         GError           **error);
void          ap_store_check_integrity_async  (ApStore             *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      ap_store_check_integrity_finish (ApStore             *self,
                                               GAsyncResult        *result,
                                               GError             **error);
gboolean      ap_store_is_empty         (ApStore           *self);

G_END_DECLS
