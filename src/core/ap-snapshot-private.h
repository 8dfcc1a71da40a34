/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-json-reader.h"
#include "ap-snapshot.h"

G_BEGIN_DECLS

/* What export and import share: one description of every entity of the snapshot, in
 * the order of the schema, so that the writer, the validator and the database code
 * cannot disagree about a member's name, place or rules. */

/* How deeply a snapshot may nest; it needs five levels (incidents[].anecdotes[]). */
#define AP_SNAPSHOT_MAX_DEPTH 64

/* The kinds of entity. The first AP_SNAPSHOT_N_TOP_LEVEL are the top-level arrays in the
 * order of the schema's "required" list; anecdotes and tickets live inside incidents. */
typedef enum
{
  AP_SNAPSHOT_ORGANIZATION,
  AP_SNAPSHOT_ACTIVITY,
  AP_SNAPSHOT_STEP,
  AP_SNAPSHOT_PERIOD,
  AP_SNAPSHOT_STAGE,
  AP_SNAPSHOT_INITIATIVE,
  AP_SNAPSHOT_CARD,
  AP_SNAPSHOT_PAIN_CATEGORY,
  AP_SNAPSHOT_INCIDENT,
  AP_SNAPSHOT_HISTORY,
  AP_SNAPSHOT_ANECDOTE,
  AP_SNAPSHOT_TICKET,
  AP_SNAPSHOT_N_KINDS,
} ApSnapshotKind;

#define AP_SNAPSHOT_N_TOP_LEVEL (AP_SNAPSHOT_HISTORY + 1)

/* The card's link tables, in the order of the card's members. */
typedef enum
{
  AP_SNAPSHOT_LINK_ORGANIZATIONS,
  AP_SNAPSHOT_LINK_CATEGORIES,
  AP_SNAPSHOT_LINK_INCIDENTS,
  AP_SNAPSHOT_LINK_DEPENDS_ON,
  AP_SNAPSHOT_N_LINKS,
} ApSnapshotLink;

typedef enum
{
  AP_SNAPSHOT_FIELD_ID,           /* the entity's own id */
  AP_SNAPSHOT_FIELD_STRING,       /* min..max characters */
  AP_SNAPSHOT_FIELD_COLOR,        /* #rrggbb, lower-case */
  AP_SNAPSHOT_FIELD_DATE,         /* YYYY-MM-DD, a real date */
  AP_SNAPSHOT_FIELD_PARTIAL_DATE, /* YYYY, YYYY-MM or YYYY-MM-DD */
  AP_SNAPSHOT_FIELD_BOOLEAN,
  AP_SNAPSHOT_FIELD_INTEGER,      /* min..max */
  AP_SNAPSHOT_FIELD_CHANGE_KIND,  /* "added", "deferred", … (ap-history.h) */
  AP_SNAPSHOT_FIELD_REF,          /* the id of an entity of kind `ref` */
  AP_SNAPSHOT_FIELD_ID_SET,       /* distinct ids of kind `ref`, in link table `link` */
  AP_SNAPSHOT_FIELD_CHILDREN,     /* an array of entities of kind `ref` */
} ApSnapshotFieldType;

typedef struct
{
  const char          *name;
  ApSnapshotFieldType  type;
  gboolean             nullable;
  gint64               min;  /* STRING: characters; INTEGER: value */
  gint64               max;
  ApSnapshotKind       ref;  /* REF, ID_SET and CHILDREN */
  ApSnapshotLink       link; /* ID_SET */
} ApSnapshotField;

typedef struct
{
  const char            *member; /* the array's name: "cards", or "anecdotes" in an incident */
  const char            *noun;   /* "card", as in `unknown card "c-9"` */
  const ApSnapshotField *fields; /* in the order of the schema's "required" list */
  guint                  n_fields;
} ApSnapshotEntity;

extern const ApSnapshotEntity ap_snapshot_entities[AP_SNAPSHOT_N_KINDS];
extern const ApSnapshotEntity ap_snapshot_plan;

/* Whether a field is a column of the entity's own row (not a link table or children). */
static inline gboolean
ap_snapshot_field_is_column (const ApSnapshotField *field)
{
  return field->type != AP_SNAPSHOT_FIELD_ID_SET && field->type != AP_SNAPSHOT_FIELD_CHILDREN;
}

/* The most members an entity has (a card: 12). */
#define AP_SNAPSHOT_MAX_FIELDS 16

/* What validation learns for the import: where the parts of the snapshot are, and every
 * id. The import empties the plan first and gives the n-th entity of a kind (counting
 * anecdotes and tickets across all incidents) the rowid n, so that the ids map straight
 * to rowids. */
typedef struct
{
  const ApJsonNode *plan;
  const ApJsonNode *arrays[AP_SNAPSHOT_N_TOP_LEVEL];
  GHashTable       *rowids[AP_SNAPSHOT_N_KINDS]; /* id (borrowed from the tree) → rowid */
} ApSnapshotIndex;

gboolean ap_snapshot_validate                (const ApJsonNode        *root,
                                              ApSnapshotIndex         *index,
                                              GError                 **error);
void     ap_snapshot_index_clear             (ApSnapshotIndex         *index);
void     ap_snapshot_get_fields              (const ApJsonNode        *object,
                                              const ApSnapshotEntity  *entity,
                                              const ApJsonNode       **values);

static inline gint64
ap_snapshot_lookup_rowid (const ApSnapshotIndex *index,
                          ApSnapshotKind         kind,
                          const ApJsonNode      *id)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (index->rowids[kind], id->v.s));
}

gboolean ap_snapshot_check_size              (goffset   size,
                                              GError  **error);

/* Lowers the size limit so that tests can exceed it cheaply; 0 restores the default. */
void     ap_snapshot_set_max_size_for_testing (goffset  max_size);

G_END_DECLS
