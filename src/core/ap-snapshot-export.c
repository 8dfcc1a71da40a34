/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-snapshot"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ap-snapshot-private.h"

/* Export reads every table once with a prepared statement ordered for output and writes
 * JSON by hand into the caller's GString: no per-row objects, no per-row allocation.
 * Children (anecdotes, tickets) are read by statements of their own, ordered like their
 * parents, and merged with them as the parents stream by, instead of one query per
 * parent. The card's link tables are small (ids only): each is read once, in card rowid
 * order, into one buffer, and a card finds its ids there by binary search, whatever
 * order the cards come in.
 *
 * Sorting 300,000 anecdotes by their incident's position, or cards by period, activity,
 * step and position, costs SQLite more than the rest of the export. So the big tables
 * (cards, incidents, anecdotes, tickets) are first read in rowid order, which is free
 * and, for a plan that was imported or built in order, already the output order. The
 * merge checks the order as it goes; if any row is out of place, what was written of
 * that array is dropped and written again from the sorted statements. Either way the
 * bytes are the same. */

/* Columns of an entity statement: the parent's rowid (0 at the top level), the row's own
 * rowid, the entity's columns in member order, and in rowid-order statements the
 * columns that give the output order, to check it. */
enum
{
  COLUMN_PARENT,
  COLUMN_ROWID,
  COLUMN_FIRST_FIELD,
};

#define CARD_JOINS \
  " JOIN period p ON p.id = c.period_id" \
  " JOIN step s ON s.id = c.step_id" \
  " JOIN activity a ON a.id = s.activity_id"
#define CARD_ORDER "p.position, p.id, a.position, a.id, s.position, s.id, c.position, c.id"
#define CARD_COLUMNS "0, c.id, c.uid, c.title, st.uid, c.stage_text, s.uid, p.uid, c.notes, i.uid"
#define CARD_OPTIONAL_JOINS \
  " LEFT JOIN stage st ON st.id = c.stage_id" \
  " LEFT JOIN initiative i ON i.id = c.initiative_id"
#define INCIDENT_COLUMNS "0, i.id, i.uid, c.uid, i.title, i.description, i.occurrences, i.status"

static const char * const sorted_sql[AP_SNAPSHOT_N_KINDS] = {
  [AP_SNAPSHOT_ORGANIZATION] =
    "SELECT 0, id, uid, name, color, footnote FROM organization ORDER BY position, id",
  [AP_SNAPSHOT_ACTIVITY] =
    "SELECT 0, id, uid, name, subtitle FROM activity ORDER BY position, id",
  [AP_SNAPSHOT_STEP] =
    "SELECT 0, s.id, s.uid, a.uid, s.name"
    " FROM step s JOIN activity a ON a.id = s.activity_id"
    " ORDER BY a.position, a.id, s.position, s.id",
  [AP_SNAPSHOT_PERIOD] =
    "SELECT 0, id, uid, name, start_date, end_date, is_backlog FROM period ORDER BY position, id",
  [AP_SNAPSHOT_STAGE] =
    "SELECT 0, id, uid, name, color FROM stage ORDER BY position, id",
  [AP_SNAPSHOT_INITIATIVE] =
    "SELECT 0, id, uid, name, notes FROM initiative ORDER BY position, id",
  [AP_SNAPSHOT_CARD] =
    "SELECT " CARD_COLUMNS " FROM card c" CARD_JOINS CARD_OPTIONAL_JOINS " ORDER BY " CARD_ORDER,
  [AP_SNAPSHOT_PAIN_CATEGORY] =
    "SELECT 0, id, uid, name, status, notes, color, recorded_incidents"
    " FROM pain_category ORDER BY position, id",
  [AP_SNAPSHOT_INCIDENT] =
    "SELECT " INCIDENT_COLUMNS
    " FROM incident i JOIN pain_category c ON c.id = i.category_id"
    " ORDER BY i.position, i.id",
  [AP_SNAPSHOT_HISTORY] =
    "SELECT 0, h.id, h.uid, h.date, h.kind, c.uid, h.subject, fp.uid, tp.uid, fs.uid, ts.uid,"
    " h.text"
    " FROM history h"
    " LEFT JOIN card c ON c.id = h.card_id"
    " LEFT JOIN period fp ON fp.id = h.from_period_id"
    " LEFT JOIN period tp ON tp.id = h.to_period_id"
    " LEFT JOIN step fs ON fs.id = h.from_step_id"
    " LEFT JOIN step ts ON ts.id = h.to_step_id"
    " ORDER BY h.date, h.id",
  [AP_SNAPSHOT_ANECDOTE] =
    "SELECT an.incident_id, an.id, an.uid, an.date, an.approximate, an.team, an.text"
    " FROM anecdote an JOIN incident i ON i.id = an.incident_id"
    " ORDER BY i.position, i.id, an.position, an.id",
  [AP_SNAPSHOT_TICKET] =
    "SELECT t.incident_id, t.id, t.uid, t.key, t.note"
    " FROM ticket t JOIN incident i ON i.id = t.incident_id"
    " ORDER BY i.position, i.id, t.position, t.id",
};

/* The same rows of the big tables in rowid order, followed by what orders them (rowids
 * break ties). CROSS JOIN keeps the table itself the outer loop, so SQLite scans it
 * instead of sorting. */
static const char * const rowid_order_sql[AP_SNAPSHOT_N_KINDS] = {
  [AP_SNAPSHOT_CARD] =
    "SELECT " CARD_COLUMNS ", p.position, p.id, a.position, a.id, s.position, s.id, c.position"
    " FROM card c"
    " CROSS JOIN period p ON p.id = c.period_id"
    " CROSS JOIN step s ON s.id = c.step_id"
    " CROSS JOIN activity a ON a.id = s.activity_id" CARD_OPTIONAL_JOINS
    " ORDER BY c.id",
  [AP_SNAPSHOT_INCIDENT] =
    "SELECT " INCIDENT_COLUMNS ", i.position"
    " FROM incident i CROSS JOIN pain_category c ON c.id = i.category_id"
    " ORDER BY i.id",
  [AP_SNAPSHOT_ANECDOTE] =
    "SELECT incident_id, id, uid, date, approximate, team, text, position"
    " FROM anecdote ORDER BY id",
  [AP_SNAPSHOT_TICKET] =
    "SELECT incident_id, id, uid, key, note, position FROM ticket ORDER BY id",
};

/* The ids linked to each card, by card rowid and position: the card's rowid, the id. */
#define LINK_SQL(table, column, target) \
  "SELECT l.card_id, x.uid FROM " table " l" \
  " JOIN " target " x ON x.id = l." column \
  " ORDER BY l.card_id, l.position, x.id"

static const char * const link_sql[AP_SNAPSHOT_N_LINKS] = {
  [AP_SNAPSHOT_LINK_ORGANIZATIONS] =
    LINK_SQL ("card_organization", "organization_id", "organization"),
  [AP_SNAPSHOT_LINK_CATEGORIES] = LINK_SQL ("card_category", "category_id", "pain_category"),
  [AP_SNAPSHOT_LINK_INCIDENTS] = LINK_SQL ("card_incident", "incident_id", "incident"),
  [AP_SNAPSHOT_LINK_DEPENDS_ON] = LINK_SQL ("card_dependency", "depends_on_id", "card"),
};

/* The most columns that give a row's order (a card's: 7). */
#define MAX_ORDER_COLUMNS 8

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
  gint64        parent;             /* of the current row */
  gint64        rowid;              /* of the current row */
  int           first_order_column; /* rowid-order statements: the columns to check */
  int           n_order_columns;    /* 0 for sorted statements */
  gint64        last_parent;
  gint64        last_order[MAX_ORDER_COLUMNS];
} Cursor;

/* A member name with what goes before it: ",\n      \"name\": ". */
typedef struct
{
  char  text[48];
  gsize len;
} KeyPrefix;

/* The ids a card links to in one link table: ids[first] … ids[first + n - 1]. */
typedef struct
{
  gint64 card;
  guint  first;
  guint  n;
} CardLinks;

/* One link table in memory: the cards that have links, by rowid; where each id starts
 * in `text` (and, last, where the text ends). */
typedef struct
{
  GArray  *cards;  /* CardLinks */
  GArray  *starts; /* guint */
  GString *text;
} LinkTable;

typedef struct
{
  ApStore   *store;
  GString   *out;
  GError   **error;
  KeyPrefix  keys[AP_SNAPSHOT_N_KINDS][AP_SNAPSHOT_MAX_FIELDS];
  LinkTable  links[AP_SNAPSHOT_N_LINKS];
} Exporter;

/* Makes room for @n more bytes. */
static void
grow (GString *out,
      gsize    n)
{
  gsize len = out->len;

  /* g_string_set_size() grows the buffer by doubling; the length is then put back. */
  g_string_set_size (out, len + n);
  g_string_truncate (out, len);
}

/* g_string_append_len() is a general insertion in GLib 2.74 and cost a tenth of the
 * export; appending is all the export does. */
static inline void
append_len (GString    *out,
            const char *s,
            gsize       n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    grow (out, n);
  memcpy (out->str + out->len, s, n);
  out->len += n;
  out->str[out->len] = '\0';
}

static inline void
append_c (GString *out,
          char     c)
{
  append_len (out, &c, 1);
}

/* Bytes that JSON strings cannot hold as they are (RFC 8259 section 7). */
static const guchar needs_escape[256] = {
  [0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

static void
append_escape (GString *out,
               guchar   c)
{
  static const char hex[] = "0123456789abcdef";
  char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

  switch (c)
    {
    case '"': append_len (out, "\\\"", 2); break;
    case '\\': append_len (out, "\\\\", 2); break;
    case '\n': append_len (out, "\\n", 2); break;
    case '\r': append_len (out, "\\r", 2); break;
    case '\t': append_len (out, "\\t", 2); break;
    case '\b': append_len (out, "\\b", 2); break;
    case '\f': append_len (out, "\\f", 2); break;
    /* Lower-case hex, as Python writes it. */
    default: append_len (out, u, sizeof u); break;
    }
}

/* Whether any of the eight bytes in @v is below 0x20, '"' or '\\' (bit tricks from
 * "Bit Twiddling Hacks": a byte is zero, or less than n, exactly when its high bit
 * survives). */
static inline gboolean
has_byte_to_escape (guint64 v)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = v ^ (ones * '"');
  guint64 backslash = v ^ (ones * '\\');

  return ((((v - ones * 0x20) & ~v) |
           ((quote - ones) & ~quote) |
           ((backslash - ones) & ~backslash)) & highs) != 0;
}

/* Returns where the first byte of @p … @end to escape is, or @end. */
static inline const guchar *
find_byte_to_escape (const guchar *p,
                     const guchar *end)
{
  guint64 v;

  while (end - p >= 8 && (memcpy (&v, p, 8), !has_byte_to_escape (v)))
    p += 8;
  while (p < end && !needs_escape[*p])
    p++;
  return p;
}

/* Appends @s in double quotes, escaping only what RFC 8259 requires (and the short forms
 * Python uses), so non-ASCII text and '/' stay as they are. Most text needs no escape:
 * it is looked at eight bytes at a time and copied in one piece. */
static void
append_string (GString    *out,
               const char *s,
               gsize       len)
{
  const guchar *p = (const guchar *) s;
  const guchar *end = p + len;
  const guchar *run = p;

  p = find_byte_to_escape (p, end);
  if (G_LIKELY (p == end))
    {
      if (G_UNLIKELY (out->len + len + 2 >= out->allocated_len))
        grow (out, len + 2);
      out->str[out->len] = '"';
      memcpy (out->str + out->len + 1, s, len);
      out->str[out->len + 1 + len] = '"';
      out->len += len + 2;
      out->str[out->len] = '\0';
      return;
    }

  append_c (out, '"');
  while (p < end)
    {
      append_len (out, (const char *) run, p - run);
      append_escape (out, *p);
      run = ++p;
      p = find_byte_to_escape (p, end);
    }
  append_len (out, (const char *) run, p - run);
  append_c (out, '"');
}

static void
append_int (GString *out,
            gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? ~(guint64) value + 1 : (guint64) value;

  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';
  append_len (out, p, buf + sizeof buf - p);
}

/* A line break and the indentation of nesting @level, two spaces each. */
static void
append_newline (GString *out,
                guint    level)
{
  static const char spaces[] = "\n                                ";

  g_assert (2 * level < sizeof spaces - 1);
  append_len (out, spaces, 1 + 2 * level);
}

static void
append_key (GString    *out,
            guint       level,
            const char *key,
            gboolean    first)
{
  if (!first)
    append_c (out, ',');
  append_newline (out, level);
  append_c (out, '"');
  append_len (out, key, strlen (key));
  append_len (out, "\": ", 3);
}

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
    append_len (self->out, key->text + 1, key->len - 1);
  else
    append_len (self->out, key->text, key->len);
}

static gboolean
fail_with_store (Exporter *self)
{
  return ap_store_set_error (self->store, self->error, "export");
}

static gboolean
advance (Exporter *self,
         Cursor   *cursor)
{
  int rc = sqlite3_step (cursor->stmt);

  cursor->has_row = rc == SQLITE_ROW;
  if (cursor->has_row)
    {
      cursor->parent = sqlite3_column_int64 (cursor->stmt, COLUMN_PARENT);
      cursor->rowid = sqlite3_column_int64 (cursor->stmt, COLUMN_ROWID);
    }
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  return fail_with_store (self);
}

/* Opens @sql; @first_order_column > 0 marks a rowid-order statement, whose columns from
 * there on give the output order. */
static gboolean
open_cursor (Exporter   *self,
             Cursor     *cursor,
             const char *sql,
             int         first_order_column)
{
  cursor->stmt = ap_store_prepare (self->store, sql, self->error);
  if (cursor->stmt == NULL)
    return FALSE;
  cursor->first_order_column = first_order_column;
  cursor->n_order_columns = 0;
  if (first_order_column > 0)
    cursor->n_order_columns = sqlite3_column_count (cursor->stmt) - first_order_column;
  g_assert (cursor->n_order_columns <= MAX_ORDER_COLUMNS);
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
 * parent, the order columns must not go down (and rowids go up by themselves). */
static gboolean
check_row_order (Cursor *cursor)
{
  gint64 order[MAX_ORDER_COLUMNS];
  int cmp = 0;

  if (cursor->n_order_columns == 0)
    return TRUE;

  for (int i = 0; i < cursor->n_order_columns; i++)
    {
      order[i] = sqlite3_column_int64 (cursor->stmt, cursor->first_order_column + i);
      if (cmp == 0)
        cmp = (order[i] > cursor->last_order[i]) - (order[i] < cursor->last_order[i]);
    }
  if (cursor->parent == cursor->last_parent && cmp < 0)
    return FALSE;
  cursor->last_parent = cursor->parent;
  memcpy (cursor->last_order, order, sizeof order);
  return TRUE;
}

/* Each sqlite3_column_*() call takes the connection's mutex: ask as few as needed. */
static void
write_column (Exporter              *self,
              sqlite3_stmt          *stmt,
              int                    column,
              const ApSnapshotField *field)
{
  GString *out = self->out;
  const char *text;

  switch (field->type)
    {
    case AP_SNAPSHOT_FIELD_BOOLEAN:
      if (sqlite3_column_int (stmt, column))
        append_len (out, "true", 4);
      else
        append_len (out, "false", 5);
      break;

    case AP_SNAPSHOT_FIELD_INTEGER:
      if (field->nullable && sqlite3_column_type (stmt, column) == SQLITE_NULL)
        append_len (out, "null", 4);
      else
        append_int (out, sqlite3_column_int64 (stmt, column));
      break;

    default:
      /* Text is NULL for SQL NULL. column_text comes before column_bytes, so that the
       * length is that of the text form. */
      text = (const char *) sqlite3_column_text (stmt, column);
      if (text == NULL)
        append_len (out, "null", 4);
      else
        append_string (out, text, sqlite3_column_bytes (stmt, column));
      break;
    }
}

static gboolean
load_links (Exporter       *self,
            ApSnapshotLink  link)
{
  LinkTable *table = &self->links[link];
  sqlite3_stmt *stmt = ap_store_prepare (self->store, link_sql[link], self->error);
  CardLinks *last = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  table->cards = g_array_new (FALSE, FALSE, sizeof (CardLinks));
  table->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  table->text = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 card = sqlite3_column_int64 (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      guint start = table->text->len;

      if (last == NULL || last->card != card)
        {
          CardLinks links = { card, table->starts->len, 0 };

          g_array_append_val (table->cards, links);
          last = &g_array_index (table->cards, CardLinks, table->cards->len - 1);
        }
      last->n++;
      g_array_append_val (table->starts, start);
      append_len (table->text, id, sqlite3_column_bytes (stmt, 1));
    }
  g_array_append_val (table->starts, table->text->len);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || fail_with_store (self);
}

static void
clear_links (Exporter *self)
{
  for (guint i = 0; i < AP_SNAPSHOT_N_LINKS; i++)
    {
      LinkTable *table = &self->links[i];

      g_clear_pointer (&table->cards, g_array_unref);
      g_clear_pointer (&table->starts, g_array_unref);
      if (table->text != NULL)
        g_string_free (g_steal_pointer (&table->text), TRUE);
    }
}

static const CardLinks *
find_links (const LinkTable *table,
            gint64           card)
{
  guint lo = 0, hi = table->cards->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const CardLinks *links = &g_array_index (table->cards, CardLinks, mid);

      if (links->card == card)
        return links;
      if (links->card < card)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* Writes the ids card @card links to in @table, as a JSON array. */
static void
write_id_list (Exporter        *self,
               const LinkTable *table,
               gint64           card,
               guint            level)
{
  const CardLinks *links = find_links (table, card);
  const guint *starts = (const guint *) (gpointer) table->starts->data;

  append_c (self->out, '[');
  if (links == NULL)
    {
      append_c (self->out, ']');
      return;
    }
  for (guint i = links->first; i < links->first + links->n; i++)
    {
      if (i > links->first)
        append_c (self->out, ',');
      append_newline (self->out, level + 1);
      append_string (self->out, table->text->str + starts[i], starts[i + 1] - starts[i]);
    }
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
  sqlite3_stmt *stmt = rows->stmt;
  gint64 rowid = rows->rowid;
  int column = COLUMN_FIRST_FIELD;

  append_c (self->out, '{');
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ApSnapshotField *field = &entity->fields[i];
      WriteResult result;

      append_member_key (self, kind, i);
      if (ap_snapshot_field_is_column (field))
        write_column (self, stmt, column++, field);
      else if (field->type == AP_SNAPSHOT_FIELD_ID_SET)
        write_id_list (self, &self->links[field->link], rowid, level + 1);
      else if ((result = write_rows (self, field->ref, &nested[i], NULL, rowid,
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

static int
count_columns (ApSnapshotKind kind)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];
  int n = 0;

  for (guint i = 0; i < entity->n_fields; i++)
    n += ap_snapshot_field_is_column (&entity->fields[i]);
  return n;
}

/* Opens the rowid-order statement of @kind if it has one and @sorted is not asked,
 * else the sorted one. Returns whether it opened the rowid-order one in *@rowid_order. */
static gboolean
open_entity_cursor (Exporter       *self,
                    Cursor         *cursor,
                    ApSnapshotKind  kind,
                    gboolean        sorted,
                    gboolean       *rowid_order)
{
  *rowid_order = !sorted && rowid_order_sql[kind] != NULL;
  if (*rowid_order)
    return open_cursor (self, cursor, rowid_order_sql[kind],
                        COLUMN_FIRST_FIELD + count_columns (kind));
  return open_cursor (self, cursor, sorted_sql[kind], 0);
}

/* Opens the statements of a top-level kind: its rows, and by field index its children. */
static gboolean
open_cursors (Exporter       *self,
              ApSnapshotKind  kind,
              gboolean        sorted,
              Cursor         *rows,
              Cursor         *nested)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];
  gboolean rowid_order;

  if (!open_entity_cursor (self, rows, kind, sorted, &rowid_order))
    return FALSE;
  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].type == AP_SNAPSHOT_FIELD_CHILDREN &&
        !open_entity_cursor (self, &nested[i], entity->fields[i].ref, sorted, &rowid_order))
      return FALSE;
  return TRUE;
}

/* Writes one top-level array, and whether every statement was read to its end: a row
 * left over means a rowid-order statement did not follow the output order. */
static WriteResult
write_top_level_once (Exporter       *self,
                      ApSnapshotKind  kind,
                      gboolean        sorted)
{
  Cursor rows = { 0 };
  Cursor nested[AP_SNAPSHOT_MAX_FIELDS] = { { 0 } };
  WriteResult result = WRITE_FAILED;

  g_assert (ap_snapshot_entities[kind].n_fields <= AP_SNAPSHOT_MAX_FIELDS);

  if (open_cursors (self, kind, sorted, &rows, nested))
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

static gboolean
write_top_level (Exporter       *self,
                 ApSnapshotKind  kind)
{
  WriteResult result;
  gsize start;

  append_key (self->out, 1, ap_snapshot_entities[kind].member, FALSE);
  start = self->out->len;
  result = write_top_level_once (self, kind, FALSE);
  if (result == WRITE_OUT_OF_ORDER)
    {
      g_string_truncate (self->out, start);
      result = write_top_level_once (self, kind, TRUE);
    }
  if (result == WRITE_OUT_OF_ORDER)
    {
      /* The sorted statements cannot be out of order; a row left over there would be
       * a child whose parent the parents' statement does not list. */
      g_set_error (self->error, AP_STORE_ERROR, AP_STORE_ERROR_CORRUPT,
                   _("the plan’s %s refer to rows that do not exist"),
                   ap_snapshot_entities[kind].member);
      return FALSE;
    }
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
  if (!write_plan (self))
    return FALSE;
  for (ApSnapshotLink link = 0; link < AP_SNAPSHOT_N_LINKS; link++)
    if (!load_links (self, link))
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
  clear_links (&self);
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
