/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-snapshot"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "ap-history.h"
#include "ap-snapshot-private.h"

/* Validation checks a parsed snapshot against data/snapshot.schema.json, and more than a
 * schema can say: that every reference names an entity that exists, that dates exist in
 * the calendar, that a card does not depend on itself. It stops at the first problem and
 * names it with its JSON path ("$.cards[12].period: unknown period "fy23-q9"").
 *
 * It runs in two passes. The first collects the ids of every top-level kind, so that the
 * second can resolve references in any direction: cards name incidents, which come later
 * in the file. */

typedef struct
{
  const char *key;   /* a member name, or NULL for an array index */
  guint       index;
} Segment;

/* The deepest path: $.incidents[3].anecdotes[0].date */
#define MAX_PATH 8

/* Id sets longer than this look for repeated ids in a hash table. */
#define LINEAR_SET_CHECK_MAX 16

typedef struct
{
  ApSnapshotIndex *index;
  gint64           n_children[AP_SNAPSHOT_N_KINDS]; /* anecdotes and tickets numbered so far */
  Segment          path[MAX_PATH];
  guint            depth;
  GError         **error;
} Validator;

static inline void
push_key (Validator  *self,
          const char *key)
{
  g_assert (self->depth < MAX_PATH);
  self->path[self->depth++] = (Segment) { key, 0 };
}

static inline void
push_index (Validator *self,
            guint      index)
{
  g_assert (self->depth < MAX_PATH);
  self->path[self->depth++] = (Segment) { NULL, index };
}

static inline void
pop (Validator *self)
{
  self->depth--;
}

static void
append_path (GString       *out,
             const Segment *path,
             guint          depth)
{
  g_string_append_c (out, '$');
  for (guint i = 0; i < depth; i++)
    {
      if (path[i].key != NULL)
        g_string_append_printf (out, ".%s", path[i].key);
      else
        g_string_append_printf (out, "[%u]", path[i].index);
    }
}

static gboolean G_GNUC_PRINTF (3, 4)
fail (Validator       *self,
      ApSnapshotError  code,
      const char      *format,
      ...)
{
  g_autoptr(GString) message = g_string_new (NULL);
  va_list args;

  append_path (message, self->path, self->depth);
  g_string_append (message, ": ");
  va_start (args, format);
  g_string_append_vprintf (message, format, args);
  va_end (args);
  g_set_error_literal (self->error, AP_SNAPSHOT_ERROR, code, message->str);
  return FALSE;
}

static const char *
describe_type (const ApJsonNode *node)
{
  switch ((ApJsonType) node->type)
    {
    case AP_JSON_NULL:
      return "null";
    case AP_JSON_BOOLEAN:
      return node->v.b ? "true" : "false";
    case AP_JSON_INTEGER:
      return _("an integer");
    case AP_JSON_DOUBLE:
      return _("a number with a fraction or an exponent");
    case AP_JSON_STRING:
      return _("a string");
    case AP_JSON_ARRAY:
      return _("an array");
    case AP_JSON_OBJECT:
      return _("an object");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
fail_type (Validator        *self,
           const char       *expected,
           const ApJsonNode *value)
{
  return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("must be %s, not %s"), expected,
               describe_type (value));
}

static const char *
describe_expected (const ApSnapshotField *field)
{
  switch (field->type)
    {
    case AP_SNAPSHOT_FIELD_BOOLEAN:
      return _("true or false");
    case AP_SNAPSHOT_FIELD_INTEGER:
      return field->nullable ? _("an integer or null") : _("an integer");
    case AP_SNAPSHOT_FIELD_ID_SET:
    case AP_SNAPSHOT_FIELD_CHILDREN:
      return _("an array");
    default:
      return field->nullable ? _("a string or null") : _("a string");
    }
}

static inline gboolean
is_member (const ApJsonNode *member,
           const char       *name)
{
  return ap_json_node_has_key (member, name, strlen (name));
}

/* Finds which field @member is; n_fields if none. */
static guint
find_field (const ApSnapshotEntity *entity,
            const ApJsonNode       *member,
            guint                   hint)
{
  /* A canonical file lists the members in field order: try that place first. */
  if (hint < entity->n_fields && is_member (member, entity->fields[hint].name))
    return hint;
  for (guint i = 0; i < entity->n_fields; i++)
    if (is_member (member, entity->fields[i].name))
      return i;
  return entity->n_fields;
}

/* Finds the entity's fields among @object's members, refusing unknown and missing ones
 * (the schema allows no additional properties). */
static gboolean
check_members (Validator               *self,
               const ApJsonNode        *object,
               const ApSnapshotEntity  *entity,
               const ApJsonNode       **values)
{
  const ApJsonNode *member = ap_json_node_first_child (object);

  memset (values, 0, entity->n_fields * sizeof *values);
  for (guint32 i = 0; i < object->size; i++, member = ap_json_node_next_sibling (member))
    {
      guint field = find_field (entity, member, i);

      if (field == entity->n_fields)
        {
          g_autofree char *name = ap_json_quote (member->key, member->key_len);

          return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("unknown member %s"), name);
        }
      values[field] = member;
    }
  for (guint i = 0; i < entity->n_fields; i++)
    if (values[i] == NULL)
      return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("missing member \"%s\""),
                   entity->fields[i].name);
  return TRUE;
}

static guint
count_characters (const char *s,
                  gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    n += ((guchar) s[i] & 0xc0) != 0x80;
  return n;
}

static gboolean
check_length (Validator             *self,
              const ApSnapshotField *field,
              const ApJsonNode      *value)
{
  guint n;

  if (value->size == 0 && field->min > 0)
    return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("must not be empty"));
  /* Characters are never more than bytes: count them only when it matters. */
  if (value->size <= field->max || (n = count_characters (value->v.s, value->size)) <= field->max)
    return TRUE;
  return fail (self, AP_SNAPSHOT_ERROR_INVALID,
               _("is too long (%u characters; the limit is %" PRId64 ")"), n, field->max);
}

static gboolean
is_id (const char *s,
       gsize       len)
{
  if (len < 1 || len > 128 || !g_ascii_isalnum (s[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_color (const char *s,
          gsize       len)
{
  if (len != 7 || s[0] != '#')
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
read_digits (const char *s,
             guint       n,
             guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      *value = *value * 10 + (s[i] - '0');
    }
  return TRUE;
}

/* YYYY-MM-DD, or with @partial also YYYY and YYYY-MM; the date must exist. */
static gboolean
is_date (const char *s,
         gsize       len,
         gboolean    partial)
{
  guint year, month = 1, day = 1;

  if (len != 10 && !(partial && (len == 4 || len == 7)))
    return FALSE;
  if (!read_digits (s, 4, &year))
    return FALSE;
  if (len >= 7 && (s[4] != '-' || !read_digits (s + 5, 2, &month)))
    return FALSE;
  if (len == 10 && (s[7] != '-' || !read_digits (s + 8, 2, &day)))
    return FALSE;
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/* Fails with "<the value, quoted> <problem>". */
static gboolean
fail_value (Validator        *self,
            const ApJsonNode *value,
            const char       *problem)
{
  g_autofree char *quoted = ap_json_quote (value->v.s, value->size);

  return fail (self, AP_SNAPSHOT_ERROR_INVALID, "%s %s", quoted, problem);
}

/* The location of the entity of @kind with @rowid, for "duplicate id … (also …)". */
static char *
describe_location (Validator      *self,
                   ApSnapshotKind  kind,
                   gint64          rowid)
{
  g_autoptr(GString) out = g_string_new (NULL);
  Segment path[4];
  const ApJsonNode *parent;

  if (kind < AP_SNAPSHOT_N_TOP_LEVEL)
    {
      path[0] = (Segment) { ap_snapshot_entities[kind].member, 0 };
      path[1] = (Segment) { NULL, rowid - 1 };
      append_path (out, path, 2);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  /* Anecdotes and tickets are numbered across all incidents. */
  parent = self->index->arrays[AP_SNAPSHOT_INCIDENT];
  path[0] = (Segment) { ap_snapshot_entities[AP_SNAPSHOT_INCIDENT].member, 0 };
  path[2] = (Segment) { ap_snapshot_entities[kind].member, 0 };
  parent = ap_json_node_first_child (parent);
  for (guint i = 0; parent != NULL; i++, parent = ap_json_node_next_sibling (parent))
    {
      const ApJsonNode *children = ap_json_object_get_member (parent, path[2].key);

      if (rowid <= children->size)
        {
          path[1] = (Segment) { NULL, i };
          path[3] = (Segment) { NULL, rowid - 1 };
          append_path (out, path, 4);
          break;
        }
      rowid -= children->size;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Checks a new id of @kind and records it with its @rowid. */
static gboolean
add_id (Validator        *self,
        ApSnapshotKind    kind,
        const ApJsonNode *id,
        gint64            rowid)
{
  GHashTable *rowids = self->index->rowids[kind];
  gint64 earlier;

  if (id->type != AP_JSON_STRING)
    return fail_type (self, _("a string"), id);
  if (!is_id (id->v.s, id->size))
    return fail_value (self, id, _("is not a valid id (1 to 128 letters, digits, ‘.’, ‘_’ "
                                   "or ‘-’, starting with a letter or digit)"));
  earlier = GPOINTER_TO_SIZE (g_hash_table_lookup (rowids, id->v.s));
  if (earlier != 0)
    {
      g_autofree char *quoted = ap_json_quote (id->v.s, id->size);
      g_autofree char *where = describe_location (self, kind, earlier);

      return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("duplicate id %s (also at %s)"),
                   quoted, where);
    }
  g_hash_table_insert (rowids, (gpointer) id->v.s, GSIZE_TO_POINTER (rowid));
  return TRUE;
}

static gboolean
resolve (Validator        *self,
         ApSnapshotKind    kind,
         const ApJsonNode *id,
         gint64           *rowid)
{
  /* An id holding U+0000 would otherwise match its first part. */
  *rowid = strlen (id->v.s) == id->size ? ap_snapshot_lookup_rowid (self->index, kind, id) : 0;
  if (*rowid != 0)
    return TRUE;

  {
    g_autofree char *quoted = ap_json_quote (id->v.s, id->size);

    return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("unknown %s %s"),
                 ap_snapshot_entities[kind].noun, quoted);
  }
}

static gboolean
is_repeated (const ApJsonNode *items,
             const ApJsonNode *item,
             GHashTable       *seen,
             gint64            rowid)
{
  if (seen != NULL)
    return !g_hash_table_add (seen, GSIZE_TO_POINTER (rowid));
  for (const ApJsonNode *earlier = items + 1; earlier != item; earlier++)
    if (strcmp (earlier->v.s, item->v.s) == 0)
      return TRUE;
  return FALSE;
}

/* A list of distinct ids of another kind, for one of the card's link tables. */
static gboolean
check_id_set (Validator             *self,
              ApSnapshotKind         kind,
              const ApSnapshotField *field,
              const ApJsonNode      *items,
              gint64                 own_rowid)
{
  g_autoptr(GHashTable) seen = NULL;
  const ApJsonNode *item = ap_json_node_first_child (items);

  if (items->size > LINEAR_SET_CHECK_MAX)
    seen = g_hash_table_new (NULL, NULL);
  for (guint32 i = 0; i < items->size; i++, item = ap_json_node_next_sibling (item))
    {
      gint64 rowid;

      push_index (self, i);
      if (item->type != AP_JSON_STRING)
        return fail_type (self, _("a string"), item);
      if (!resolve (self, field->ref, item, &rowid))
        return FALSE;
      if (field->ref == kind && rowid == own_rowid)
        return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("a %s cannot depend on itself"),
                     ap_snapshot_entities[kind].noun);
      /* Strings in an array are single nodes, so items + 1 … item are the earlier ones. */
      if (is_repeated (items, item, seen, rowid))
        return fail_value (self, item, _("is listed twice"));
      pop (self);
    }
  return TRUE;
}

static gboolean check_entity (Validator        *self,
                              ApSnapshotKind    kind,
                              const ApJsonNode *object,
                              gint64            rowid);

static gboolean
check_children (Validator             *self,
                const ApSnapshotField *field,
                const ApJsonNode      *items)
{
  const ApJsonNode *item = ap_json_node_first_child (items);

  for (guint32 i = 0; i < items->size; i++, item = ap_json_node_next_sibling (item))
    {
      push_index (self, i);
      if (!check_entity (self, field->ref, item, ++self->n_children[field->ref]))
        return FALSE;
      pop (self);
    }
  return TRUE;
}

static gboolean
check_string (Validator             *self,
              const ApSnapshotField *field,
              const ApJsonNode      *value)
{
  gint64 rowid;

  switch (field->type)
    {
    case AP_SNAPSHOT_FIELD_STRING:
      return check_length (self, field, value);
    case AP_SNAPSHOT_FIELD_COLOR:
      if (!is_color (value->v.s, value->size))
        return fail_value (self, value, _("is not a color (#rrggbb, in lower-case hexadecimal)"));
      return TRUE;
    case AP_SNAPSHOT_FIELD_DATE:
      if (!is_date (value->v.s, value->size, FALSE))
        return fail_value (self, value, _("is not a date (YYYY-MM-DD)"));
      return TRUE;
    case AP_SNAPSHOT_FIELD_PARTIAL_DATE:
      if (!is_date (value->v.s, value->size, TRUE))
        return fail_value (self, value, _("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
      return TRUE;
    case AP_SNAPSHOT_FIELD_CHANGE_KIND:
      if (strlen (value->v.s) != value->size ||
          ap_history_kind_from_string (value->v.s) == AP_HISTORY_NONE)
        return fail_value (self, value, _("is not a kind of change (added, deferred, "
                                          "moved-up, moved, replaced or removed)"));
      return TRUE;
    case AP_SNAPSHOT_FIELD_REF:
      return resolve (self, field->ref, value, &rowid);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
has_type (const ApSnapshotField *field,
          const ApJsonNode      *value)
{
  switch (field->type)
    {
    case AP_SNAPSHOT_FIELD_BOOLEAN:
      return value->type == AP_JSON_BOOLEAN;
    case AP_SNAPSHOT_FIELD_INTEGER:
      return value->type == AP_JSON_INTEGER;
    case AP_SNAPSHOT_FIELD_ID_SET:
    case AP_SNAPSHOT_FIELD_CHILDREN:
      return value->type == AP_JSON_ARRAY;
    default:
      return value->type == AP_JSON_STRING;
    }
}

/* Checks one member of an entity of @kind whose rowid is @rowid. */
static gboolean
check_value (Validator             *self,
             ApSnapshotKind         kind,
             const ApSnapshotField *field,
             const ApJsonNode      *value,
             gint64                 rowid)
{
  if (value->type == AP_JSON_NULL && field->nullable)
    return TRUE;
  if (!has_type (field, value))
    return fail_type (self, describe_expected (field), value);

  switch (field->type)
    {
    case AP_SNAPSHOT_FIELD_ID:
      /* The first pass has recorded the ids of the top-level kinds. */
      return kind < AP_SNAPSHOT_N_TOP_LEVEL || add_id (self, kind, value, rowid);
    case AP_SNAPSHOT_FIELD_BOOLEAN:
      return TRUE;
    case AP_SNAPSHOT_FIELD_INTEGER:
      if (value->v.i < field->min || value->v.i > field->max)
        return fail (self, AP_SNAPSHOT_ERROR_INVALID,
                     _("must be between %" PRId64 " and %" PRId64
                       ", not %" PRId64), field->min, field->max, value->v.i);
      return TRUE;
    case AP_SNAPSHOT_FIELD_ID_SET:
      return check_id_set (self, kind, field, value, rowid);
    case AP_SNAPSHOT_FIELD_CHILDREN:
      return check_children (self, field, value);
    default:
      return check_string (self, field, value);
    }
}

static gboolean
check_fields (Validator              *self,
              ApSnapshotKind          kind,
              const ApSnapshotEntity *entity,
              const ApJsonNode       *object,
              gint64                  rowid)
{
  const ApJsonNode *values[AP_SNAPSHOT_MAX_FIELDS];

  if (object->type != AP_JSON_OBJECT)
    return fail_type (self, _("an object"), object);
  if (!check_members (self, object, entity, values))
    return FALSE;
  for (guint i = 0; i < entity->n_fields; i++)
    {
      push_key (self, entity->fields[i].name);
      if (!check_value (self, kind, &entity->fields[i], values[i], rowid))
        return FALSE;
      pop (self);
    }
  return TRUE;
}

static gboolean
check_entity (Validator        *self,
              ApSnapshotKind    kind,
              const ApJsonNode *object,
              gint64            rowid)
{
  return check_fields (self, kind, &ap_snapshot_entities[kind], object, rowid);
}

/* The first pass: the ids of one top-level kind. */
static gboolean
collect_ids (Validator      *self,
             ApSnapshotKind  kind)
{
  const ApJsonNode *array = self->index->arrays[kind];
  const ApJsonNode *item = ap_json_node_first_child (array);

  push_key (self, ap_snapshot_entities[kind].member);
  for (guint32 i = 0; i < array->size; i++, item = ap_json_node_next_sibling (item))
    {
      const ApJsonNode *id;

      push_index (self, i);
      if (item->type != AP_JSON_OBJECT)
        return fail_type (self, _("an object"), item);
      id = ap_json_object_get_member (item, "id");
      if (id == NULL)
        return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("missing member \"id\""));
      push_key (self, "id");
      if (!add_id (self, kind, id, (gint64) i + 1))
        return FALSE;
      pop (self);
      pop (self);
    }
  pop (self);
  return TRUE;
}

static gboolean
check_array (Validator      *self,
             ApSnapshotKind  kind)
{
  const ApJsonNode *array = self->index->arrays[kind];
  const ApJsonNode *item = ap_json_node_first_child (array);

  push_key (self, ap_snapshot_entities[kind].member);
  for (guint32 i = 0; i < array->size; i++, item = ap_json_node_next_sibling (item))
    {
      push_index (self, i);
      if (!check_entity (self, kind, item, (gint64) i + 1))
        return FALSE;
      pop (self);
    }
  pop (self);
  return TRUE;
}

/* Refuses what is not a snapshot, or a snapshot of another version, before anything
 * else: a wrong version explains every other difference. */
static gboolean
check_format_and_version (Validator        *self,
                          const ApJsonNode *root)
{
  const ApJsonNode *format, *version;

  if (root->type != AP_JSON_OBJECT)
    return fail (self, AP_SNAPSHOT_ERROR_NOT_SNAPSHOT,
                 _("not an Archplan snapshot: the document is %s, not an object"),
                 describe_type (root));
  format = ap_json_object_get_member (root, "format");
  if (format == NULL)
    return fail (self, AP_SNAPSHOT_ERROR_NOT_SNAPSHOT,
                 _("not an Archplan snapshot: missing member \"format\""));

  push_key (self, "format");
  if (format->type != AP_JSON_STRING || strcmp (format->v.s, AP_SNAPSHOT_FORMAT) != 0 ||
      format->size != strlen (AP_SNAPSHOT_FORMAT))
    {
      g_autofree char *found = format->type == AP_JSON_STRING
                               ? ap_json_quote (format->v.s, format->size)
                               : g_strdup (describe_type (format));

      return fail (self, AP_SNAPSHOT_ERROR_NOT_SNAPSHOT,
                   _("not an Archplan snapshot: expected \"%s\", found %s"),
                   AP_SNAPSHOT_FORMAT, found);
    }
  pop (self);

  version = ap_json_object_get_member (root, "version");
  if (version == NULL)
    return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("missing member \"version\""));
  push_key (self, "version");
  if (version->type != AP_JSON_INTEGER)
    return fail_type (self, _("an integer"), version);
  if (version->v.i > AP_SNAPSHOT_VERSION)
    return fail (self, AP_SNAPSHOT_ERROR_UNSUPPORTED_VERSION,
                 _("this snapshot is version %" PRId64 ", written by a newer Archplan; "
                   "this version reads version %d"), version->v.i, AP_SNAPSHOT_VERSION);
  if (version->v.i < AP_SNAPSHOT_VERSION)
    return fail (self, AP_SNAPSHOT_ERROR_INVALID,
                 _("%" PRId64 " is not a snapshot version "
                   "(this version reads version %d)"),
                 version->v.i, AP_SNAPSHOT_VERSION);
  pop (self);
  return TRUE;
}

/* Finds the top-level arrays and the plan, refusing unknown and missing members. */
static gboolean
check_root_members (Validator        *self,
                    const ApJsonNode *root)
{
  ApSnapshotIndex *index = self->index;
  const ApJsonNode *member = ap_json_node_first_child (root);

  for (guint32 i = 0; i < root->size; i++, member = ap_json_node_next_sibling (member))
    {
      ApSnapshotKind kind = 0;

      if (is_member (member, "format") || is_member (member, "version"))
        continue;
      if (is_member (member, ap_snapshot_plan.member))
        {
          index->plan = member;
          continue;
        }
      while (kind < AP_SNAPSHOT_N_TOP_LEVEL &&
             !is_member (member, ap_snapshot_entities[kind].member))
        kind++;
      if (kind == AP_SNAPSHOT_N_TOP_LEVEL)
        {
          g_autofree char *name = ap_json_quote (member->key, member->key_len);

          return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("unknown member %s"), name);
        }
      index->arrays[kind] = member;
    }

  if (index->plan == NULL)
    return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("missing member \"%s\""),
                 ap_snapshot_plan.member);
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_TOP_LEVEL; kind++)
    if (index->arrays[kind] == NULL)
      return fail (self, AP_SNAPSHOT_ERROR_INVALID, _("missing member \"%s\""),
                   ap_snapshot_entities[kind].member);
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_TOP_LEVEL; kind++)
    if (index->arrays[kind]->type != AP_JSON_ARRAY)
      {
        push_key (self, ap_snapshot_entities[kind].member);
        return fail_type (self, _("an array"), index->arrays[kind]);
      }
  return TRUE;
}

/**
 * ap_snapshot_validate:
 * @root: the parsed document
 * @index: filled with the parts of the snapshot and its ids
 * @error: an #AP_SNAPSHOT_ERROR naming the JSON path and the problem
 *
 * Checks that @root is a snapshot this version can import. @index must be cleared with
 * ap_snapshot_index_clear(), whatever the result.
 */
gboolean
ap_snapshot_validate (const ApJsonNode  *root,
                      ApSnapshotIndex   *index,
                      GError           **error)
{
  Validator self = { .index = index, .error = error };

  memset (index, 0, sizeof *index);
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_KINDS; kind++)
    index->rowids[kind] = g_hash_table_new (g_str_hash, g_str_equal);

  if (!check_format_and_version (&self, root) || !check_root_members (&self, root))
    return FALSE;
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_TOP_LEVEL; kind++)
    if (!collect_ids (&self, kind))
      return FALSE;

  push_key (&self, ap_snapshot_plan.member);
  if (!check_fields (&self, AP_SNAPSHOT_N_KINDS, &ap_snapshot_plan, index->plan, 0))
    return FALSE;
  pop (&self);
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_TOP_LEVEL; kind++)
    if (!check_array (&self, kind))
      return FALSE;
  return TRUE;
}

void
ap_snapshot_index_clear (ApSnapshotIndex *index)
{
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_KINDS; kind++)
    g_clear_pointer (&index->rowids[kind], g_hash_table_unref);
}

/* The members of a validated @object, by field index. */
void
ap_snapshot_get_fields (const ApJsonNode        *object,
                        const ApSnapshotEntity  *entity,
                        const ApJsonNode       **values)
{
  const ApJsonNode *member = ap_json_node_first_child (object);

  for (guint32 i = 0; i < object->size; i++, member = ap_json_node_next_sibling (member))
    values[find_field (entity, member, i)] = member;
}
