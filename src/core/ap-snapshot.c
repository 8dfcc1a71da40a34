/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-snapshot"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ap-snapshot-private.h"

/* The entities of data/snapshot.schema.json. Keep both in step: a member added there is
 * added here, in the same place of the "required" list, and in the export and insert
 * statements of ap-snapshot-export.c and ap-snapshot-import.c. */

#define ID                   { .name = "id", .type = AP_SNAPSHOT_FIELD_ID }
#define NAME(n)              { .name = n, .type = AP_SNAPSHOT_FIELD_STRING, .min = 1, .max = 1000 }
#define TEXT(n)              { .name = n, .type = AP_SNAPSHOT_FIELD_STRING, .max = 100000 }
#define STRING(n, lo, hi)    { .name = n, .type = AP_SNAPSHOT_FIELD_STRING, .min = lo, .max = hi }
#define COLOR                { .name = "color", .type = AP_SNAPSHOT_FIELD_COLOR }
#define OPTIONAL_DATE(n)     { .name = n, .type = AP_SNAPSHOT_FIELD_DATE, .nullable = TRUE }
#define BOOLEAN(n)           { .name = n, .type = AP_SNAPSHOT_FIELD_BOOLEAN }
#define OPTIONAL_INT(n, lo, hi) \
  { .name = n, .type = AP_SNAPSHOT_FIELD_INTEGER, .nullable = TRUE, .min = lo, .max = hi }
#define REF(n, k)            { .name = n, .type = AP_SNAPSHOT_FIELD_REF, .ref = AP_SNAPSHOT_##k }
#define OPTIONAL_REF(n, k) \
  { .name = n, .type = AP_SNAPSHOT_FIELD_REF, .nullable = TRUE, .ref = AP_SNAPSHOT_##k }
#define ID_SET(n, k, l) \
  { .name = n, .type = AP_SNAPSHOT_FIELD_ID_SET, .ref = AP_SNAPSHOT_##k, \
    .link = AP_SNAPSHOT_LINK_##l }
#define CHILDREN(n, k) \
  { .name = n, .type = AP_SNAPSHOT_FIELD_CHILDREN, .ref = AP_SNAPSHOT_##k }

static const ApSnapshotField plan_fields[] = {
  NAME ("title"),
  TEXT ("description"),
  STRING ("ticket_url_template", 0, 2000),
};

static const ApSnapshotField organization_fields[] = {
  ID,
  NAME ("name"),
  COLOR,
  OPTIONAL_INT ("footnote", 1, 999),
};

static const ApSnapshotField activity_fields[] = {
  ID,
  NAME ("name"),
  TEXT ("subtitle"),
};

static const ApSnapshotField step_fields[] = {
  ID,
  REF ("activity", ACTIVITY),
  NAME ("name"),
};

static const ApSnapshotField period_fields[] = {
  ID,
  NAME ("name"),
  OPTIONAL_DATE ("start"),
  OPTIONAL_DATE ("end"),
  BOOLEAN ("backlog"),
};

static const ApSnapshotField stage_fields[] = {
  ID,
  NAME ("name"),
  COLOR,
};

static const ApSnapshotField initiative_fields[] = {
  ID,
  NAME ("name"),
  TEXT ("notes"),
};

static const ApSnapshotField card_fields[] = {
  ID,
  NAME ("title"),
  OPTIONAL_REF ("stage", STAGE),
  STRING ("stage_text", 0, 200),
  REF ("step", STEP),
  REF ("period", PERIOD),
  TEXT ("notes"),
  ID_SET ("organizations", ORGANIZATION, ORGANIZATIONS),
  OPTIONAL_REF ("initiative", INITIATIVE),
  ID_SET ("categories", PAIN_CATEGORY, CATEGORIES),
  ID_SET ("incidents", INCIDENT, INCIDENTS),
  ID_SET ("depends_on", CARD, DEPENDS_ON),
};

static const ApSnapshotField pain_category_fields[] = {
  ID,
  NAME ("name"),
  STRING ("status", 0, 100),
  TEXT ("notes"),
  COLOR,
  OPTIONAL_INT ("recorded_incidents", 0, 1000000000),
};

static const ApSnapshotField incident_fields[] = {
  ID,
  REF ("category", PAIN_CATEGORY),
  NAME ("title"),
  TEXT ("description"),
  OPTIONAL_INT ("occurrences", 0, 1000000000),
  STRING ("status", 0, 100),
  CHILDREN ("anecdotes", ANECDOTE),
  CHILDREN ("tickets", TICKET),
};

static const ApSnapshotField history_fields[] = {
  ID,
  { .name = "date", .type = AP_SNAPSHOT_FIELD_DATE },
  { .name = "kind", .type = AP_SNAPSHOT_FIELD_CHANGE_KIND },
  OPTIONAL_REF ("card", CARD),
  NAME ("subject"),
  OPTIONAL_REF ("from_period", PERIOD),
  OPTIONAL_REF ("to_period", PERIOD),
  OPTIONAL_REF ("from_step", STEP),
  OPTIONAL_REF ("to_step", STEP),
  TEXT ("text"),
};

static const ApSnapshotField anecdote_fields[] = {
  ID,
  { .name = "date", .type = AP_SNAPSHOT_FIELD_PARTIAL_DATE, .nullable = TRUE },
  BOOLEAN ("approximate"),
  STRING ("team", 0, 200),
  TEXT ("text"),
};

static const ApSnapshotField ticket_fields[] = {
  ID,
  STRING ("key", 1, 100),
  TEXT ("note"),
};

#define ENTITY(member, noun, fields) { member, noun, fields, G_N_ELEMENTS (fields) }

const ApSnapshotEntity ap_snapshot_entities[AP_SNAPSHOT_N_KINDS] = {
  [AP_SNAPSHOT_ORGANIZATION] = ENTITY ("organizations", "organization", organization_fields),
  [AP_SNAPSHOT_ACTIVITY] = ENTITY ("activities", "activity", activity_fields),
  [AP_SNAPSHOT_STEP] = ENTITY ("steps", "step", step_fields),
  [AP_SNAPSHOT_PERIOD] = ENTITY ("periods", "period", period_fields),
  [AP_SNAPSHOT_STAGE] = ENTITY ("stages", "stage", stage_fields),
  [AP_SNAPSHOT_INITIATIVE] = ENTITY ("initiatives", "initiative", initiative_fields),
  [AP_SNAPSHOT_CARD] = ENTITY ("cards", "card", card_fields),
  [AP_SNAPSHOT_PAIN_CATEGORY] = ENTITY ("pain_categories", "pain category", pain_category_fields),
  [AP_SNAPSHOT_INCIDENT] = ENTITY ("incidents", "incident", incident_fields),
  [AP_SNAPSHOT_HISTORY] = ENTITY ("history", "history entry", history_fields),
  [AP_SNAPSHOT_ANECDOTE] = ENTITY ("anecdotes", "anecdote", anecdote_fields),
  [AP_SNAPSHOT_TICKET] = ENTITY ("tickets", "ticket", ticket_fields),
};

const ApSnapshotEntity ap_snapshot_plan = ENTITY ("plan", "plan", plan_fields);

G_DEFINE_QUARK (ap-snapshot-error-quark, ap_snapshot_error)

static goffset max_size_for_testing;

void
ap_snapshot_set_max_size_for_testing (goffset max_size)
{
  max_size_for_testing = max_size;
}

gboolean
ap_snapshot_check_size (goffset   size,
                        GError  **error)
{
  goffset max_size = max_size_for_testing > 0 ? max_size_for_testing : AP_SNAPSHOT_MAX_SIZE;
  g_autofree char *size_text = NULL;
  g_autofree char *max_text = NULL;

  if (size <= max_size)
    return TRUE;

  size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  max_text = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_TOO_LARGE,
               _("the snapshot is too large (%s; the limit is %s)"), size_text, max_text);
  return FALSE;
}

static gboolean
set_read_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_IO, _("cannot read %s: %s"), display,
               g_strerror (saved_errno));
  return FALSE;
}

/* Whether @path is the plan's database or one of its journals. Reading it would open and
 * close a descriptor on a file SQLite holds, which drops all of SQLite's locks on it;
 * writing over it would destroy the plan. stat() opens nothing. */
static gboolean
is_plan_file (ApStore    *store,
              const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *plan = ap_store_get_path (store);
  GStatBuf st, plan_st;

  if (plan == NULL || g_stat (path, &st) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (plan, suffixes[i], NULL);

      if (g_stat (name, &plan_st) == 0 &&
          st.st_dev == plan_st.st_dev && st.st_ino == plan_st.st_ino)
        return TRUE;
    }
  return FALSE;
}

static gboolean
refuse_plan_file (const char       *path,
                  ApSnapshotError   code,
                  GError          **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, AP_SNAPSHOT_ERROR, code, _("%s is the plan file itself, not a snapshot"),
               display);
  return FALSE;
}

/**
 * ap_snapshot_check_file_size:
 * @path: a snapshot file
 *
 * Refuses a file over the size limit before anything reads it, so that a huge file
 * (chosen by mistake) is not loaded into memory first.
 */
gboolean
ap_snapshot_check_file_size (const char  *path,
                             GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    return set_read_error (error, path, errno);
  if (S_ISDIR (st.st_mode))
    return set_read_error (error, path, EISDIR);
  return ap_snapshot_check_size (st.st_size, error);
}

/**
 * ap_snapshot_read_file:
 * @store: the plan the snapshot is meant for
 * @path: a snapshot file
 * @error: an #AP_SNAPSHOT_ERROR
 *
 * Reads a snapshot file for ap_snapshot_import(), after refusing one over the size
 * limit (before reading it) and the plan's own file.
 *
 * Returns: (transfer full): the file's bytes (mapped, not copied), or %NULL
 */
GBytes *
ap_snapshot_read_file (ApStore     *store,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (AP_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (is_plan_file (store, path))
    {
      refuse_plan_file (path, AP_SNAPSHOT_ERROR_NOT_SNAPSHOT, error);
      return NULL;
    }
  if (!ap_snapshot_check_file_size (path, error))
    return NULL;

  /* Mapping saves a copy of a file that can be hundreds of megabytes. */
  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error_literal (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_IO, local_error->message);
      return NULL;
    }
  return g_mapped_file_get_bytes (file);
}

gboolean
ap_snapshot_import_file (ApStore     *store,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = ap_snapshot_read_file (store, path, error);
  gconstpointer data;
  gsize length;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return ap_snapshot_import (store, data, length, error);
}

/**
 * ap_snapshot_export_to_file:
 *
 * Writes the snapshot to a temporary file in @path's folder, flushes it and renames it
 * over @path, so @path is never left half written.
 */
gboolean
ap_snapshot_export_to_file (ApStore     *store,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (AP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (is_plan_file (store, path))
    return refuse_plan_file (path, AP_SNAPSHOT_ERROR_IO, error);
  if (!ap_snapshot_export (store, json, error))
    return FALSE;
  if (!g_file_set_contents_full (path, json->str, json->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0666, &local_error))
    {
      g_set_error_literal (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_IO, local_error->message);
      return FALSE;
    }
  return TRUE;
}
