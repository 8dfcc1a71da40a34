/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-snapshot"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#include "ap-json-writer-private.h"
#include "ap-uid-table-private.h"
#include "ap-snapshot-private.h"

/* Export reads every table with prepared statements and writes JSON by hand into the
 * caller's GString: no per-row objects, no per-row allocation.
 *
 * SQLite's joins and sorts cost more than the rest of the export (joining each link row
 * to its card's cell to sort it took ten times as long as reading the link table), so
 * the export does without them where it can:
 *
 * - References (a card's step, an incident's category, a card's incidents…) are read as
 *   rowids and written as ids from tables in memory, each read once with
 *   `SELECT id, uid`, which SQLite answers from the uid index.
 * - Link tables are read in primary-key order (by card, then target), which needs no
 *   sort; each card's few links are put in position order in memory.
 * - Cards are read in rowid order and put in output order in memory. They are seldom in
 *   output order already (moving a card keeps its rowid), and reading them cell by cell
 *   through the card_cell index cost a page read for most cards: five times as long.
 * - Incidents, anecdotes and tickets are first read in rowid order, which for a plan
 *   that was imported or built in order is already the output order. The merge checks
 *   the order as it goes; if a row is out of place, what was written of that array is
 *   dropped and written again from statements that sort.
 *
 * Children (anecdotes, tickets) are read by statements of their own, ordered like their
 * parents, and merged with them as the parents stream by. */

/* Columns of an entity statement: the parent's rowid (0 at the top level), the row's own
 * rowid, the entity's columns in member order (a reference as the rowid it refers to),
 * and in rowid-order statements last the position that orders the rows, to check it. */
enum
{
  COLUMN_PARENT,
  COLUMN_ROWID,
  COLUMN_FIRST_FIELD,
};

#define STEP_ORDER "a.position, a.id, s.position, s.id"

static const char * const sorted_sql[AP_SNAPSHOT_N_KINDS] = {
  [AP_SNAPSHOT_ORGANIZATION] =
    "SELECT 0, id, uid, name, color, footnote FROM organization ORDER BY position, id",
  [AP_SNAPSHOT_ACTIVITY] =
    "SELECT 0, id, uid, name, subtitle FROM activity ORDER BY position, id",
  [AP_SNAPSHOT_STEP] =
    "SELECT 0, s.id, s.uid, s.activity_id, s.name"
    " FROM step s JOIN activity a ON a.id = s.activity_id ORDER BY " STEP_ORDER,
  [AP_SNAPSHOT_PERIOD] =
    "SELECT 0, id, uid, name, start_date, end_date, is_backlog FROM period ORDER BY position, id",
  [AP_SNAPSHOT_STAGE] =
    "SELECT 0, id, uid, name, color FROM stage ORDER BY position, id",
  [AP_SNAPSHOT_INITIATIVE] =
    "SELECT 0, id, uid, name, notes FROM initiative ORDER BY position, id",
  /* Cards: see card_sql. */
  [AP_SNAPSHOT_PAIN_CATEGORY] =
    "SELECT 0, id, uid, name, status, notes, color, recorded_incidents"
    " FROM pain_category ORDER BY position, id",
  [AP_SNAPSHOT_INCIDENT] =
    "SELECT 0, id, uid, category_id, title, description, occurrences, status"
    " FROM incident ORDER BY position, id",
  [AP_SNAPSHOT_HISTORY] =
    "SELECT 0, id, uid, date, kind, card_id, subject, from_period_id, to_period_id,"
    " from_step_id, to_step_id, text FROM history ORDER BY date, id",
  [AP_SNAPSHOT_ANECDOTE] =
    "SELECT an.incident_id, an.id, an.uid, an.date, an.approximate, an.team, an.text"
    " FROM anecdote an JOIN incident i ON i.id = an.incident_id"
    " ORDER BY i.position, i.id, an.position, an.id",
  [AP_SNAPSHOT_TICKET] =
    "SELECT t.incident_id, t.id, t.uid, t.key, t.note"
    " FROM ticket t JOIN incident i ON i.id = t.incident_id"
    " ORDER BY i.position, i.id, t.position, t.id",
};

/* The same rows of the big tables in rowid order, and their position. */
static const char * const rowid_order_sql[AP_SNAPSHOT_N_KINDS] = {
  [AP_SNAPSHOT_INCIDENT] =
    "SELECT 0, id, uid, category_id, title, description, occurrences, status, position"
    " FROM incident ORDER BY id",
  [AP_SNAPSHOT_ANECDOTE] =
    "SELECT incident_id, id, uid, date, approximate, team, text, position"
    " FROM anecdote ORDER BY id",
  [AP_SNAPSHOT_TICKET] =
    "SELECT incident_id, id, uid, key, note, position FROM ticket ORDER BY id",
};

/* The cards in rowid order, and last what orders them. */
static const char card_sql[] =
  "SELECT 0, id, uid, title, stage_id, stage_text, step_id, period_id, notes, initiative_id,"
  " period_id, step_id, position FROM card ORDER BY id";

/* The ids of the entities that others refer to. Periods and steps come in output order,
 * so that their index in a UidTable ranks a card's cell; a step whose activity is gone
 * is not among the snapshot's steps, and so not here either. */
static const char * const uid_sql[AP_SNAPSHOT_N_KINDS] = {
  [AP_SNAPSHOT_ORGANIZATION] = "SELECT id, uid FROM organization",
  [AP_SNAPSHOT_ACTIVITY] = "SELECT id, uid FROM activity",
  [AP_SNAPSHOT_STEP] =
    "SELECT s.id, s.uid FROM step s JOIN activity a ON a.id = s.activity_id"
    " ORDER BY " STEP_ORDER,
  [AP_SNAPSHOT_PERIOD] = "SELECT id, uid FROM period ORDER BY position, id",
  [AP_SNAPSHOT_STAGE] = "SELECT id, uid FROM stage",
  [AP_SNAPSHOT_INITIATIVE] = "SELECT id, uid FROM initiative",
  [AP_SNAPSHOT_CARD] = "SELECT id, uid FROM card",
  [AP_SNAPSHOT_PAIN_CATEGORY] = "SELECT id, uid FROM pain_category",
  [AP_SNAPSHOT_INCIDENT] = "SELECT id, uid FROM incident",
};

/* A link table's card, target and position. card_id comes first in the primary key, so
 * SQLite orders by it without sorting. */
#define LINK_SQL(table, column) \
  "SELECT card_id, " column ", position FROM " table " ORDER BY card_id"

static const char * const link_sql[AP_SNAPSHOT_N_LINKS] = {
  [AP_SNAPSHOT_LINK_ORGANIZATIONS] = LINK_SQL ("card_organization", "organization_id"),
  [AP_SNAPSHOT_LINK_CATEGORIES] = LINK_SQL ("card_category", "category_id"),
  [AP_SNAPSHOT_LINK_INCIDENTS] = LINK_SQL ("card_incident", "incident_id"),
  [AP_SNAPSHOT_LINK_DEPENDS_ON] = LINK_SQL ("card_dependency", "depends_on_id"),
};

#define COMPARE(a, b) (((a) > (b)) - ((a) < (b)))

/* How far ahead of the writing the output's pages are brought in: see prefault(). */
#define PREFAULT_STEP (256 << 10)
#define PREFAULT_ALIGN (64 << 10) /* a multiple of any page size */

typedef enum
{
  WRITE_OK,
  WRITE_FAILED,
  WRITE_OUT_OF_ORDER, /* a rowid-order statement met a row out of output order */
} WriteResult;

typedef struct
{
  sqlite3_stmt *stmt;
  gboolean      has_row;
  gboolean      read_parent;  /* else it is 0: a top-level statement */
  gboolean      read_rowid;   /* else the entity has only columns: nothing needs it */
  gint64        parent;       /* of the current row */
  gint64        rowid;        /* of the current row */
  int           order_column; /* rowid-order statements: the position; else 0 */
  gint64        last_parent;
  gint64        last_position;
} Cursor;

/* A member name with what goes before it: ",\n      \"name\": ". */
typedef struct
{
  char  text[48];
  gsize len;
} KeyPrefix;

/* One link table: by a card's index in the card UidTable, where its links start in
 * `uids` and how many it has; the links as indexes in the target's UidTable. */
typedef struct
{
  guint  *first;
  guint  *n;
  GArray *uids; /* guint */
} LinkTable;

/* A link table's row while it is read. */
typedef struct
{
  gint64 card;
  gint64 position;
  gint64 target;
  guint  uid;
} LinkRow;

/* A card written out of order: where it was written, and what orders it. */
typedef struct
{
  guint  period; /* ranks, as indexes in their UidTables */
  guint  step;
  gint64 position;
  gint64 rowid;
  gsize  start;
  gsize  len;
} CardText;

typedef struct
{
  ApStore     *store;
  GString     *out;
  GError     **error;
  KeyPrefix    keys[AP_SNAPSHOT_N_KINDS][AP_SNAPSHOT_MAX_FIELDS];
  UidTable     uids[AP_SNAPSHOT_N_KINDS];
  LinkTable    links[AP_SNAPSHOT_N_LINKS];
  const char  *faulted_str; /* out->str when faulted_len was set */
  gsize        faulted_len; /* how much of out->str is in memory */
} Exporter;

/* Entity members are written a few million times: their names, with the comma, line
 * break and indentation before them, are put together once. */
static void
prepare_keys (Exporter *self)
{
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_KINDS; kind++)
    {
      const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];
      /* Top-level entities sit in arrays at level 2, anecdotes and tickets at level 4. */
      int indent = kind < AP_SNAPSHOT_N_TOP_LEVEL ? 6 : 10;

      g_assert (entity->n_fields <= AP_SNAPSHOT_MAX_FIELDS);
      for (guint i = 0; i < entity->n_fields; i++)
        {
          KeyPrefix *key = &self->keys[kind][i];

          key->len = g_snprintf (key->text, sizeof key->text, ",\n%*s\"%s\": ",
                                 indent, "", entity->fields[i].name);
          g_assert (key->len < sizeof key->text);
        }
    }
}

static inline void
append_member_key (Exporter       *self,
                   ApSnapshotKind  kind,
                   guint           field)
{
  const KeyPrefix *key = &self->keys[kind][field];

  /* The first member has no comma before it. */
  if (field == 0)
    append_short (self->out, key->text + 1, key->len - 1, sizeof key->text - 1);
  else
    append_short (self->out, key->text, key->len, sizeof key->text - 1);
}

/* Brings the next pages of the output into memory. A new page costs a page fault when
 * it is first written, and a snapshot is some 40,000 pages: on the virtual machines we
 * measured, their faults took a sixth of the export's time. MADV_POPULATE_WRITE (Linux
 * 5.14) does the same work a quarter faster, for many pages in one system call; where
 * it is missing this does nothing, and a kernel that refuses it costs a failed call. */
static void
prefault (Exporter *self)
{
#ifdef MADV_POPULATE_WRITE
  GString *out = self->out;
  guintptr base = (guintptr) out->str;
  guintptr align = ~(guintptr) (PREFAULT_ALIGN - 1);
  guintptr from, to;

  if (G_LIKELY (out->str == self->faulted_str &&
                out->len + PREFAULT_STEP / 2 < self->faulted_len))
    return;
  /* The buffer moved, or was cut back: what lies ahead is unknown. */
  if (out->str != self->faulted_str || self->faulted_len < out->len)
    self->faulted_len = out->len;
  self->faulted_str = out->str;
  from = (base + self->faulted_len + PREFAULT_ALIGN - 1) & align;
  to = (base + MIN (out->len + PREFAULT_STEP, out->allocated_len)) & align;
  if (out->allocated_len >= 4 * PREFAULT_STEP && to > from)
    {
      madvise ((void *) from, to - from, MADV_POPULATE_WRITE);
      self->faulted_len = to - base;
    }
#endif
}

static gboolean
fail_with_store (Exporter *self)
{
  return ap_store_set_error (self->store, self->error, "export");
}

static gboolean
fail_with_missing_rows (Exporter       *self,
                        ApSnapshotKind  kind)
{
  g_set_error (self->error, AP_STORE_ERROR, AP_STORE_ERROR_CORRUPT,
               _("the plan’s %s refer to rows that do not exist"),
               ap_snapshot_entities[kind].member);
  return FALSE;
}

static gboolean
advance (Exporter *self,
         Cursor   *cursor)
{
  int rc = sqlite3_step (cursor->stmt);

  /* Two column reads fewer for each of 450,000 anecdotes and tickets. */
  cursor->has_row = rc == SQLITE_ROW;
  if (cursor->has_row && cursor->read_parent)
    cursor->parent = sqlite3_column_int64 (cursor->stmt, COLUMN_PARENT);
  if (cursor->has_row && cursor->read_rowid)
    cursor->rowid = sqlite3_column_int64 (cursor->stmt, COLUMN_ROWID);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || fail_with_store (self);
}

/* Opens @sql, which returns entities of @kind; the last column of a rowid-order
 * statement is checked by check_row_order(). */
static gboolean
open_cursor (Exporter       *self,
             Cursor         *cursor,
             const char     *sql,
             ApSnapshotKind  kind,
             gboolean        rowid_order)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];

  if ((cursor->stmt = ap_store_prepare (self->store, sql, self->error)) == NULL)
    return FALSE;
  cursor->read_parent = kind >= AP_SNAPSHOT_N_TOP_LEVEL;
  cursor->read_rowid = FALSE;
  for (guint i = 0; i < entity->n_fields; i++)
    cursor->read_rowid |= !ap_snapshot_field_is_column (&entity->fields[i]);
  cursor->order_column = rowid_order ? sqlite3_column_count (cursor->stmt) - 1 : 0;
  cursor->last_parent = G_MININT64;
  return advance (self, cursor);
}

/* Lets go of a statement, so that it holds no read lock once the export is done. */
static void
close_cursor (Cursor *cursor)
{
  if (cursor->stmt != NULL)
    sqlite3_reset (cursor->stmt);
  cursor->stmt = NULL;
  cursor->has_row = FALSE;
}

/* Checks the current row of a rowid-order statement against the output order: within a
 * parent, positions must not go down (and rowids go up by themselves). */
static gboolean
check_row_order (Cursor *cursor)
{
  gint64 position;

  if (cursor->order_column == 0)
    return TRUE;
  position = sqlite3_column_int64 (cursor->stmt, cursor->order_column);
  if (cursor->parent == cursor->last_parent && position < cursor->last_position)
    return FALSE;
  cursor->last_parent = cursor->parent;
  cursor->last_position = position;
  return TRUE;
}

static gboolean
load_uids (Exporter       *self,
           ApSnapshotKind  kind)
{
  UidTable *table = &self->uids[kind];
  sqlite3_stmt *stmt;
  int rc;

  g_assert (uid_sql[kind] != NULL);
  if (table->uids != NULL)
    return TRUE;
  if ((stmt = ap_store_prepare (self->store, uid_sql[kind], self->error)) == NULL)
    return FALSE;
  table->uids = g_array_new (FALSE, FALSE, sizeof (Uid));
  table->text = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      Uid uid = { sqlite3_column_int64 (stmt, 0), table->text->len, 0 };

      /* uid is NOT NULL: a row without one is as good as missing. */
      if (text == NULL)
        continue;
      uid.len = sqlite3_column_bytes (stmt, 1);
      append_len (table->text, text, uid.len);
      g_array_append_val (table->uids, uid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail_with_store (self);
  index_uids (table);
  return TRUE;
}

/* Writes a reference column as the id of the row its rowid refers to. Returns FALSE if
 * a reference that cannot be null refers to nothing. */
static gboolean
write_ref (Exporter              *self,
           sqlite3_stmt          *stmt,
           int                    column,
           const ApSnapshotField *field)
{
  const UidTable *table = &self->uids[field->ref];
  guint index = G_MAXUINT;

  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    index = find_uid (table, sqlite3_column_int64 (stmt, column));
  if (index != G_MAXUINT)
    append_uid (self->out, table, index);
  else if (field->nullable)
    /* Like the LEFT JOIN it stands for, a dangling optional reference reads as null. */
    append_len (self->out, "null", 4);
  return index != G_MAXUINT || field->nullable;
}

/* Each sqlite3_column_*() call takes the connection's mutex: ask as few as needed.
 * Returns FALSE if a reference refers to nothing (see write_ref()). Done for three
 * million values: inline, it saves a tenth of its cost. */
G_ALWAYS_INLINE static inline gboolean
write_column (Exporter              *self,
              sqlite3_stmt          *stmt,
              int                    column,
              const ApSnapshotField *field)
{
  const char *text;

  switch (field->type)
    {
    case AP_SNAPSHOT_FIELD_BOOLEAN:
      if (sqlite3_column_int (stmt, column))
        append_len (self->out, "true", 4);
      else
        append_len (self->out, "false", 5);
      return TRUE;

    case AP_SNAPSHOT_FIELD_INTEGER:
      if (field->nullable && sqlite3_column_type (stmt, column) == SQLITE_NULL)
        append_len (self->out, "null", 4);
      else
        append_int (self->out, sqlite3_column_int64 (stmt, column));
      return TRUE;

    case AP_SNAPSHOT_FIELD_REF:
      return write_ref (self, stmt, column, field);

    default:
      /* Text is NULL for SQL NULL. column_text comes before column_bytes, so that the
       * length is that of the text form. */
      text = (const char *) sqlite3_column_text (stmt, column);
      if (text == NULL)
        append_len (self->out, "null", 4);
      else
        append_string (self->out, text, sqlite3_column_bytes (stmt, column));
      return TRUE;
    }
}

/* A card's links in output order: by position, then by the target's rowid. */
static int
compare_link_rows (gconstpointer a,
                   gconstpointer b)
{
  const LinkRow *x = a, *y = b;

  if (x->position != y->position)
    return COMPARE (x->position, y->position);
  return COMPARE (x->target, y->target);
}

/* Puts the links of each card in @rows (which come grouped by card) in output order,
 * and files them in @table. */
static void
file_links (Exporter  *self,
            LinkTable *table,
            LinkRow   *rows,
            guint      n_rows)
{
  const UidTable *cards = &self->uids[AP_SNAPSHOT_CARD];
  guint end;

  table->first = g_new0 (guint, cards->uids->len + 1);
  table->n = g_new0 (guint, cards->uids->len + 1);
  table->uids = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_rows);
  for (guint i = 0; i < n_rows; i = end)
    {
      guint card = find_uid (cards, rows[i].card);
      gboolean sorted = TRUE;

      for (end = i + 1; end < n_rows && rows[end].card == rows[i].card; end++)
        sorted = sorted && compare_link_rows (&rows[end - 1], &rows[end]) <= 0;
      /* The links of a card that is gone are never asked for. */
      if (card == G_MAXUINT)
        continue;
      if (!sorted)
        qsort (rows + i, end - i, sizeof *rows, compare_link_rows);
      table->first[card] = table->uids->len;
      table->n[card] = end - i;
      for (guint j = i; j < end; j++)
        g_array_append_val (table->uids, rows[j].uid);
    }
}

static gboolean
load_links (Exporter       *self,
            ApSnapshotLink  link,
            ApSnapshotKind  target)
{
  g_autoptr(GArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!load_uids (self, target) || !load_uids (self, AP_SNAPSHOT_CARD) ||
      (stmt = ap_store_prepare (self->store, link_sql[link], self->error)) == NULL)
    return FALSE;
  rows = g_array_new (FALSE, FALSE, sizeof (LinkRow));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LinkRow row = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 1),
        G_MAXUINT,
      };

      /* A link to a row that is gone is left out, as the join it stands for would. */
      if ((row.uid = find_uid (&self->uids[target], row.target)) != G_MAXUINT)
        g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail_with_store (self);
  file_links (self, &self->links[link], (LinkRow *) (gpointer) rows->data, rows->len);
  return TRUE;
}

/* Reads what references need: the ids of each kind that a column or a link table
 * refers to, and the link tables. */
static gboolean
load_tables (Exporter *self)
{
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_KINDS; kind++)
    {
      const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];

      for (guint i = 0; i < entity->n_fields; i++)
        {
          const ApSnapshotField *field = &entity->fields[i];

          if (field->type == AP_SNAPSHOT_FIELD_ID_SET &&
              !load_links (self, field->link, field->ref))
            return FALSE;
          if (field->type == AP_SNAPSHOT_FIELD_REF && !load_uids (self, field->ref))
            return FALSE;
        }
    }
  return TRUE;
}

static void
clear_tables (Exporter *self)
{
  for (guint i = 0; i < AP_SNAPSHOT_N_LINKS; i++)
    {
      g_clear_pointer (&self->links[i].first, g_free);
      g_clear_pointer (&self->links[i].n, g_free);
      g_clear_pointer (&self->links[i].uids, g_array_unref);
    }
  for (guint i = 0; i < AP_SNAPSHOT_N_KINDS; i++)
    {
      g_clear_pointer (&self->uids[i].uids, g_array_unref);
      g_clear_pointer (&self->uids[i].slots, g_free);
      if (self->uids[i].text != NULL)
        g_string_free (g_steal_pointer (&self->uids[i].text), TRUE);
    }
}

/* Writes the ids of the @field links of card @card, as a JSON array. */
static void
write_id_list (Exporter              *self,
               const ApSnapshotField *field,
               gint64                 card,
               guint                  level)
{
  const LinkTable *table = &self->links[field->link];
  const guint *uids = (const guint *) (gpointer) table->uids->data;
  guint index = find_uid (&self->uids[AP_SNAPSHOT_CARD], card);
  guint first = index != G_MAXUINT ? table->first[index] : 0;
  guint n = index != G_MAXUINT ? table->n[index] : 0;

  append_c (self->out, '[');
  for (guint i = first; i < first + n; i++)
    {
      if (i > first)
        append_c (self->out, ',');
      append_newline (self->out, level + 1);
      append_uid (self->out, &self->uids[field->ref], uids[i]);
    }
  if (n > 0)
    append_newline (self->out, level);
  append_c (self->out, ']');
}

static WriteResult write_rows (Exporter       *self,
                               ApSnapshotKind  kind,
                               Cursor         *rows,
                               Cursor         *nested,
                               gint64          parent,
                               guint           level);

/* Writes the object of the current row of @rows at nesting @level. @nested holds, by
 * field index, the statements of the entity's children. */
static WriteResult
write_object (Exporter       *self,
              ApSnapshotKind  kind,
              Cursor         *rows,
              Cursor         *nested,
              guint           level)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];
  int column = COLUMN_FIRST_FIELD;

  append_c (self->out, '{');
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ApSnapshotField *field = &entity->fields[i];
      WriteResult result;

      append_member_key (self, kind, i);
      if (ap_snapshot_field_is_column (field))
        {
          if (!write_column (self, rows->stmt, column++, field))
            {
              fail_with_missing_rows (self, kind);
              return WRITE_FAILED;
            }
        }
      else if (field->type == AP_SNAPSHOT_FIELD_ID_SET)
        write_id_list (self, field, rows->rowid, level + 1);
      else if ((result = write_rows (self, field->ref, &nested[i], NULL, rows->rowid,
                                     level + 1)) != WRITE_OK)
        return result;
    }
  append_newline (self->out, level);
  append_c (self->out, '}');
  return WRITE_OK;
}

/* Writes, as a JSON array, the rows of @rows that belong to @parent (0 at the top level),
 * stopping at the first row of another parent. */
static WriteResult
write_rows (Exporter       *self,
            ApSnapshotKind  kind,
            Cursor         *rows,
            Cursor         *nested,
            gint64          parent,
            guint           level)
{
  gboolean first = TRUE;

  append_c (self->out, '[');
  while (rows->has_row && rows->parent == parent)
    {
      WriteResult result;

      if (!check_row_order (rows))
        return WRITE_OUT_OF_ORDER;
      prefault (self);
      if (!first)
        append_c (self->out, ',');
      append_newline (self->out, level + 1);
      first = FALSE;
      if ((result = write_object (self, kind, rows, nested, level + 1)) != WRITE_OK)
        return result;
      if (!advance (self, rows))
        return WRITE_FAILED;
    }
  if (!first)
    append_newline (self->out, level);
  append_c (self->out, ']');
  return WRITE_OK;
}

/* Opens the rowid-order statement of @kind if it has one and @sorted is not asked,
 * else the sorted one. */
static gboolean
open_entity_cursor (Exporter       *self,
                    Cursor         *cursor,
                    ApSnapshotKind  kind,
                    gboolean        sorted)
{
  if (!sorted && rowid_order_sql[kind] != NULL)
    return open_cursor (self, cursor, rowid_order_sql[kind], kind, TRUE);
  g_assert (sorted_sql[kind] != NULL);
  return open_cursor (self, cursor, sorted_sql[kind], kind, FALSE);
}

/* Writes one top-level array, and whether every statement was read to its end: a row
 * left over means a rowid-order statement did not follow the output order. */
static WriteResult
write_top_level_once (Exporter       *self,
                      ApSnapshotKind  kind,
                      gboolean        sorted)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];
  Cursor rows = { 0 };
  Cursor nested[AP_SNAPSHOT_MAX_FIELDS] = { { 0 } };
  WriteResult result = WRITE_FAILED;
  gboolean opened;

  /* The statements of the rows, and by field index those of their children. */
  opened = open_entity_cursor (self, &rows, kind, sorted);
  for (guint i = 0; opened && i < entity->n_fields; i++)
    if (entity->fields[i].type == AP_SNAPSHOT_FIELD_CHILDREN)
      opened = open_entity_cursor (self, &nested[i], entity->fields[i].ref, sorted);
  if (opened)
    result = write_rows (self, kind, &rows, nested, 0, 1);
  if (result == WRITE_OK && rows.has_row)
    result = WRITE_OUT_OF_ORDER;
  for (guint i = 0; i < G_N_ELEMENTS (nested); i++)
    {
      if (result == WRITE_OK && nested[i].has_row)
        result = WRITE_OUT_OF_ORDER;
      close_cursor (&nested[i]);
    }
  close_cursor (&rows);
  return result;
}

static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  const CardText *x = a, *y = b;

  if (x->period != y->period)
    return COMPARE (x->period, y->period);
  if (x->step != y->step)
    return COMPARE (x->step, y->step);
  if (x->position != y->position)
    return COMPARE (x->position, y->position);
  return COMPARE (x->rowid, y->rowid);
}

/* Writes each card at the end of the output as it comes in rowid order, and files where
 * it is in @cards with what orders it. A card whose period or step is gone has no
 * place: it is left out, as the joins that used to order the cards left it out. */
static gboolean
write_cards_unordered (Exporter *self,
                       GArray   *cards)
{
  const UidTable *periods = &self->uids[AP_SNAPSHOT_PERIOD];
  const UidTable *steps = &self->uids[AP_SNAPSHOT_STEP];
  Cursor rows = { 0 };
  gboolean ok;
  int order;

  if (!open_cursor (self, &rows, card_sql, AP_SNAPSHOT_CARD, FALSE))
    return FALSE;
  order = sqlite3_column_count (rows.stmt) - 3;
  for (ok = TRUE; ok && rows.has_row; ok = advance (self, &rows))
    {
      CardText card = {
        find_uid (periods, sqlite3_column_int64 (rows.stmt, order)),
        find_uid (steps, sqlite3_column_int64 (rows.stmt, order + 1)),
        sqlite3_column_int64 (rows.stmt, order + 2),
        rows.rowid,
        self->out->len,
        0,
      };

      if (card.period == G_MAXUINT || card.step == G_MAXUINT)
        continue;
      prefault (self);
      ok = write_object (self, AP_SNAPSHOT_CARD, &rows, NULL, 2) == WRITE_OK;
      card.len = self->out->len - card.start;
      g_array_append_val (cards, card);
    }
  close_cursor (&rows);
  return ok;
}

/* Writes the cards array: see the top of the file. */
static gboolean
write_cards (Exporter *self)
{
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (CardText));
  GString *out = self->out;
  gsize unordered = out->len;
  gsize ordered, room;

  if (!write_cards_unordered (self, cards))
    return FALSE;
  g_array_sort (cards, compare_cards);

  /* The array in order is put together after the cards as written, then moved over
   * them: it passes through memory that the rest of the snapshot fills anyway, where a
   * buffer of its own would be new pages to fault in. Room is made first for all of it
   * ("[", ",\n    " and a card each, "\n  ]", and what append_short() asks for), so that
   * the cards as written stay where they are while they are copied. */
  ordered = out->len;
  room = (ordered - unordered) + 6 * cards->len + 4 + sizeof indentation;
  if (ordered + room >= out->allocated_len)
    grow (out, room);
  append_c (out, '[');
  for (guint i = 0; i < cards->len; i++)
    {
      const CardText *card = &g_array_index (cards, CardText, i);

      prefault (self);
      if (i > 0)
        append_c (out, ',');
      append_newline (out, 2);
      append_len (out, out->str + card->start, card->len);
    }
  if (cards->len > 0)
    append_newline (out, 1);
  append_c (out, ']');
  memmove (out->str + unordered, out->str + ordered, out->len - ordered);
  g_string_truncate (out, unordered + (out->len - ordered));
  return TRUE;
}

static gboolean
write_top_level (Exporter       *self,
                 ApSnapshotKind  kind)
{
  WriteResult result;
  gsize start;

  append_key (self->out, 1, ap_snapshot_entities[kind].member, FALSE);
  if (kind == AP_SNAPSHOT_CARD)
    return write_cards (self);
  start = self->out->len;
  result = write_top_level_once (self, kind, FALSE);
  if (result == WRITE_OUT_OF_ORDER)
    {
      g_string_truncate (self->out, start);
      result = write_top_level_once (self, kind, TRUE);
    }
  /* The sorted statements cannot be out of order; a row left over there would be a
   * child whose parent the parents' statement does not list. */
  if (result == WRITE_OUT_OF_ORDER)
    return fail_with_missing_rows (self, kind);
  return result == WRITE_OK;
}

static gboolean
write_plan (Exporter *self)
{
  const ApSnapshotEntity *plan = &ap_snapshot_plan;
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = ap_store_prepare (self->store,
                           "SELECT title, description, ticket_url_template FROM plan WHERE id = 1",
                           self->error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      ok = fail_with_store (self);
      sqlite3_reset (stmt);
      return ok;
    }

  append_key (self->out, 1, plan->member, FALSE);
  append_c (self->out, '{');
  for (guint i = 0; i < plan->n_fields; i++)
    {
      append_key (self->out, 2, plan->fields[i].name, i == 0);
      /* The plan refers to nothing: its columns always write. */
      write_column (self, stmt, i, &plan->fields[i]);
    }
  append_newline (self->out, 1);
  append_c (self->out, '}');
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
write_snapshot (Exporter *self)
{
  static const char head[] = "{\n  \"format\": \"" AP_SNAPSHOT_FORMAT "\",\n  \"version\": ";

  append_len (self->out, head, sizeof head - 1);
  append_int (self->out, AP_SNAPSHOT_VERSION);
  if (!write_plan (self) || !load_tables (self))
    return FALSE;
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_TOP_LEVEL; kind++)
    if (!write_top_level (self, kind))
      return FALSE;
  append_len (self->out, "\n}\n", 3);
  return TRUE;
}

/**
 * ap_snapshot_export:
 * @store: the plan
 * @out: where the snapshot is appended
 * @error: an #AP_STORE_ERROR if the plan cannot be read
 *
 * Appends the whole plan to @out as a canonical JSON snapshot. On failure @out is left
 * as it was.
 */
gboolean
ap_snapshot_export (ApStore  *store,
                    GString  *out,
                    GError  **error)
{
  Exporter self = { store, out, error };
  gboolean own_transaction;
  gsize start;
  gboolean ok;

  g_return_val_if_fail (AP_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  /* One read transaction, so that the export is one consistent state of the plan even
   * if another connection writes meanwhile. */
  own_transaction = !ap_store_in_transaction (store);
  if (own_transaction && !ap_store_exec (store, "BEGIN", error))
    return FALSE;

  start = out->len;
  prepare_keys (&self);
  ok = write_snapshot (&self);
  clear_tables (&self);
  if (own_transaction)
    {
      if (ok)
        ok = ap_store_exec (store, "COMMIT", error);
      else
        ap_store_rollback (store);
    }
  if (!ok)
    g_string_truncate (out, start);
  return ok;
}
