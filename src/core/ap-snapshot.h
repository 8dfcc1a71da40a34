/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ap-store.h"

G_BEGIN_DECLS

/*
 * JSON snapshots of a whole plan (data/snapshot.schema.json).
 *
 * Export reads straight from SQLite and writes the canonical form: the keys of every
 * object in the order of the schema's "required" lists, two-space indentation exactly
 * as Python's json.dumps (obj, indent=2, ensure_ascii=False) writes it, and a final
 * newline. The same plan always gives the same bytes, and export → import → export
 * reproduces a file byte for byte.
 *
 * Import checks everything before it writes anything, then replaces the plan's whole
 * content in one transaction (so it must not be called inside one). A snapshot that is
 * refused leaves the plan as it was.
 *
 * Errors about the snapshot are #AP_SNAPSHOT_ERROR; their messages name the place and
 * the problem: "12:7: …" (line and column) for text that is not JSON, and a JSON path
 * such as `$.cards[12].period: unknown period "fy23-q9"` for JSON that is not a valid
 * snapshot. Errors of the database (locked, read-only, full…) keep their
 * #AP_STORE_ERROR, so that callers can tell which file is to blame.
 */

/* The snapshot format this version writes and reads. */
#define AP_SNAPSHOT_FORMAT  "archplan-snapshot"
#define AP_SNAPSHOT_VERSION 1

/* Snapshot files larger than this are refused before they are read. */
#define AP_SNAPSHOT_MAX_SIZE ((goffset) 512 * 1024 * 1024)

#define AP_SNAPSHOT_ERROR (ap_snapshot_error_quark ())

typedef enum
{
  AP_SNAPSHOT_ERROR_PARSE,               /* not JSON (or not UTF-8, or nested too deeply) */
  AP_SNAPSHOT_ERROR_NOT_SNAPSHOT,        /* JSON, but not an Archplan snapshot (format tag) */
  AP_SNAPSHOT_ERROR_UNSUPPORTED_VERSION, /* written by a newer Archplan */
  AP_SNAPSHOT_ERROR_INVALID,             /* breaks the schema or refers to unknown ids */
  AP_SNAPSHOT_ERROR_TOO_LARGE,           /* over AP_SNAPSHOT_MAX_SIZE */
  AP_SNAPSHOT_ERROR_IO,                  /* the snapshot file cannot be read or written */
} ApSnapshotError;

GQuark    ap_snapshot_error_quark     (void);

gboolean  ap_snapshot_export          (ApStore      *store,
                                       GString      *out,
                                       GError      **error);
gboolean  ap_snapshot_export_to_file  (ApStore      *store,
                                       const char   *path,
                                       GError      **error);

gboolean  ap_snapshot_import          (ApStore      *store,
                                       const char   *data,
                                       gsize         length,
                                       GError      **error);
gboolean  ap_snapshot_import_file     (ApStore      *store,
                                       const char   *path,
                                       GError      **error);
GBytes   *ap_snapshot_read_file       (ApStore      *store,
                                       const char   *path,
                                       GError      **error);
gboolean  ap_snapshot_check_file_size (const char   *path,
                                       GError      **error);

G_END_DECLS
