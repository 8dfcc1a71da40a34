/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-query"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ap-incident-query.h"

struct _ApIncidentQuery
{
  GObject   parent_instance;

  char     *text;
  GArray   *categories;  /* gint64 */
  GStrv     statuses;
  char     *team;
  char     *date_from;
  char     *date_to;
  ApIncidentSort sort;
  gboolean  descending;

  /* The base: every incident the category and status filters keep, in the sort's
   * order, as last read. It is dropped when one of those or the sort changes, and
   * read again when the file may have changed since (see base_is_current). */
  GArray   *base;        /* gint64, or NULL */
  gint64    base_min;    /* the smallest and largest id in it */
  gint64    base_max;
  /* The base's incidents that the team and date filters keep, in its order (the base
   * itself without those filters): what the list shows without search text, and the
   * order a search's matches are put in. Dropped with the base, and when those
   * filters change. */
  GArray   *filtered;    /* gint64, or NULL */
  GWeakRef  base_store;
  gint64    base_changes;      /* sqlite3_total_changes64 () when read, or -1 */
  gint64    base_data_version; /* PRAGMA data_version when read */
};

G_DEFINE_FINAL_TYPE (ApIncidentQuery, ap_incident_query, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const sort_names[AP_INCIDENT_N_SORTS] = {
  "default", "issue", "category", "occurrences", "anecdotes", "last-seen", "status", "tickets",
};

/* ORDER BY terms per sort, each taking the direction. `i` is the incident, `s` its
 * incident_fts_stats row and `c` its category (see build_sql). Each list matches an
 * index of migration 2 term for term, with the row id last, so the order is the same
 * every time and reading it walks the index instead of sorting. */
static const char * const order_terms[AP_INCIDENT_N_SORTS][5] = {
  [AP_INCIDENT_SORT_DEFAULT] = { "i.position", "i.id", NULL },
  [AP_INCIDENT_SORT_ISSUE] = { "i.title COLLATE NOCASE", "i.position", "i.id", NULL },
  /* Categories of the same name stay apart (c.id), which lets SQLite walk the
   * categories by name and each one's incidents by position. */
  [AP_INCIDENT_SORT_CATEGORY] = { "c.name COLLATE NOCASE", "c.id", "i.position", "i.id", NULL },
  [AP_INCIDENT_SORT_OCCURRENCES] = { "i.occurrences", "i.position", "i.id", NULL },
  [AP_INCIDENT_SORT_ANECDOTES] = { "s.n_anecdotes", "s.id", NULL },
  [AP_INCIDENT_SORT_LAST_SEEN] = { "s.last_seen", "s.id", NULL },
  [AP_INCIDENT_SORT_STATUS] = { "i.status COLLATE NOCASE", "i.position", "i.id", NULL },
  [AP_INCIDENT_SORT_TICKETS] = { "s.first_ticket COLLATE NOCASE", "s.id", NULL },
};

/* Exactly the bare full-text query: a search adds nothing to it but a pass over the
 * filtered base (see keep_listed). */
static const char match_sql[] = "SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?";

static void
changed (ApIncidentQuery *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A category or status filter or the sort changed: the base no longer holds. */
static void
base_changed (ApIncidentQuery *self)
{
  g_clear_pointer (&self->base, g_array_unref);
  g_clear_pointer (&self->filtered, g_array_unref);
  changed (self);
}

/* The team or the dates changed: the base still holds, what they keep of it not. */
static void
filtered_changed (ApIncidentQuery *self)
{
  g_clear_pointer (&self->filtered, g_array_unref);
  changed (self);
}

static gboolean
has_word_characters (const char *token)
{
  for (const char *p = token; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* The search text as a JSON array, for json_each (): values stay bound parameters. */
static char *
strings_to_json (const char * const *strings)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      GString *s = g_string_new (NULL);

      for (const char *p = strings[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (s, '\\');
          if ((guchar) *p < 0x20)
            g_string_append_printf (s, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (s, *p);
        }
      escaped = g_string_free (s, FALSE);
      g_string_append_printf (json, "%s\"%s\"", i > 0 ? "," : "", escaped);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static void
ap_incident_query_finalize (GObject *object)
{
  ApIncidentQuery *self = AP_INCIDENT_QUERY (object);

  g_free (self->text);
  g_array_unref (self->categories);
  g_strfreev (self->statuses);
  g_free (self->team);
  g_free (self->date_from);
  g_free (self->date_to);
  g_clear_pointer (&self->base, g_array_unref);
  g_clear_pointer (&self->filtered, g_array_unref);
  g_weak_ref_clear (&self->base_store);
  G_OBJECT_CLASS (ap_incident_query_parent_class)->finalize (object);
}

static void
ap_incident_query_class_init (ApIncidentQueryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ap_incident_query_finalize;

  /**
   * ApIncidentQuery::changed:
   *
   * Emitted when the search text, a filter or the sort changes.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ap_incident_query_init (ApIncidentQuery *self)
{
  self->categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_weak_ref_init (&self->base_store, NULL);
}

const char *
ap_incident_sort_to_string (ApIncidentSort sort)
{
  g_return_val_if_fail (sort < AP_INCIDENT_N_SORTS, NULL);
  return sort_names[sort];
}

gboolean
ap_incident_sort_from_string (const char     *name,
                              ApIncidentSort *sort)
{
  for (guint i = 0; i < AP_INCIDENT_N_SORTS; i++)
    if (g_strcmp0 (name, sort_names[i]) == 0)
      {
        *sort = i;
        return TRUE;
      }
  return FALSE;
}

ApIncidentQuery *
ap_incident_query_new (void)
{
  return g_object_new (AP_TYPE_INCIDENT_QUERY, NULL);
}

static gboolean
replace_string (char       **slot,
                const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

void
ap_incident_query_set_text (ApIncidentQuery *self,
                            const char      *text)
{
  g_return_if_fail (AP_IS_INCIDENT_QUERY (self));
  if (replace_string (&self->text, text))
    changed (self);
}

const char *
ap_incident_query_get_text (ApIncidentQuery *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), NULL);
  return self->text;
}

void
ap_incident_query_set_categories (ApIncidentQuery *self,
                                  const gint64    *ids,
                                  guint            n_ids)
{
  g_return_if_fail (AP_IS_INCIDENT_QUERY (self));
  if (n_ids == self->categories->len &&
      (n_ids == 0 || memcmp (ids, self->categories->data, n_ids * sizeof (gint64)) == 0))
    return;
  g_array_set_size (self->categories, 0);
  g_array_append_vals (self->categories, ids, n_ids);
  base_changed (self);
}

const gint64 *
ap_incident_query_get_categories (ApIncidentQuery *self,
                                  guint           *n_ids)
{
  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), NULL);
  *n_ids = self->categories->len;
  return (const gint64 *) self->categories->data;
}

void
ap_incident_query_set_statuses (ApIncidentQuery    *self,
                                const char * const *statuses)
{
  g_return_if_fail (AP_IS_INCIDENT_QUERY (self));
  if (statuses != NULL && statuses[0] == NULL)
    statuses = NULL;
  if (statuses == NULL && self->statuses == NULL)
    return;
  if (statuses != NULL && self->statuses != NULL &&
      g_strv_equal ((const char * const *) self->statuses, statuses))
    return;
  g_strfreev (self->statuses);
  self->statuses = g_strdupv ((char **) statuses);
  base_changed (self);
}

const char * const *
ap_incident_query_get_statuses (ApIncidentQuery *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), NULL);
  return (const char * const *) self->statuses;
}

void
ap_incident_query_set_team (ApIncidentQuery *self,
                            const char      *team)
{
  g_return_if_fail (AP_IS_INCIDENT_QUERY (self));
  if (replace_string (&self->team, team))
    filtered_changed (self);
}

const char *
ap_incident_query_get_team (ApIncidentQuery *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), NULL);
  return self->team;
}

/* Dates are YYYY[-MM[-DD]], either end open (NULL). */
void
ap_incident_query_set_date_range (ApIncidentQuery *self,
                                  const char      *from,
                                  const char      *to)
{
  gboolean a, b;

  g_return_if_fail (AP_IS_INCIDENT_QUERY (self));
  a = replace_string (&self->date_from, from);
  b = replace_string (&self->date_to, to);
  if (a || b)
    filtered_changed (self);
}

const char *
ap_incident_query_get_date_from (ApIncidentQuery *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), NULL);
  return self->date_from;
}

const char *
ap_incident_query_get_date_to (ApIncidentQuery *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), NULL);
  return self->date_to;
}

void
ap_incident_query_set_sort (ApIncidentQuery *self,
                            ApIncidentSort   sort,
                            gboolean         descending)
{
  g_return_if_fail (AP_IS_INCIDENT_QUERY (self));
  g_return_if_fail (sort < AP_INCIDENT_N_SORTS);
  if (self->sort == sort && self->descending == !!descending)
    return;
  self->sort = sort;
  self->descending = !!descending;
  base_changed (self);
}

ApIncidentSort
ap_incident_query_get_sort (ApIncidentQuery *self,
                            gboolean        *descending)
{
  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), AP_INCIDENT_SORT_DEFAULT);
  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

gboolean
ap_incident_query_has_search (ApIncidentQuery *self)
{
  g_autofree char *match = NULL;

  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), FALSE);
  match = ap_incident_query_build_match (self->text);
  return match != NULL;
}

/* Filters other than the search text. */
gboolean
ap_incident_query_has_filters (ApIncidentQuery *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), FALSE);
  return self->categories->len > 0 || self->statuses != NULL || self->team != NULL ||
         self->date_from != NULL || self->date_to != NULL;
}

void
ap_incident_query_clear_filters (ApIncidentQuery *self)
{
  g_return_if_fail (AP_IS_INCIDENT_QUERY (self));
  if (!ap_incident_query_has_filters (self))
    return;
  g_array_set_size (self->categories, 0);
  g_clear_pointer (&self->statuses, g_strfreev);
  g_clear_pointer (&self->team, g_free);
  g_clear_pointer (&self->date_from, g_free);
  g_clear_pointer (&self->date_to, g_free);
  base_changed (self);
}

/**
 * ap_incident_query_build_match:
 * @text: what the user typed, or %NULL
 *
 * Turns a user's search text into an FTS5 query that cannot fail to parse: every
 * whitespace-separated token becomes a quoted string (`"` doubled), so FTS5's own
 * syntax — AND, OR, NOT, NEAR(), `*`, `^`, `col:`, parentheses — is plain text. Tokens
 * without a letter or digit are dropped, as the index holds none. The last token
 * matches as a prefix unless the text ends in a space: the user is still typing it.
 *
 * Returns: (nullable): the FTS5 query, or %NULL when nothing is left to search for
 */
char *
ap_incident_query_build_match (const char *text)
{
  g_auto(GStrv) tokens = NULL;
  GString *match;
  guint n = 0;
  gboolean prefix;

  if (text == NULL)
    return NULL;
  tokens = g_strsplit_set (text, " \t\r\n\f\v", -1);
  prefix = *text != '\0' && !g_ascii_isspace (text[strlen (text) - 1]);
  match = g_string_new (NULL);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (!has_word_characters (tokens[i]))
        continue;
      if (n++ > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = tokens[i]; *p != '\0'; p++)
        g_string_append (match, *p == '"' ? "\"\"" : (char[]) { *p, '\0' });
      g_string_append_c (match, '"');
    }
  if (n == 0)
    return (g_string_free (match, TRUE), NULL);
  if (prefix && has_word_characters (tokens[g_strv_length (tokens) - 1]))
    g_string_append_c (match, '*');
  return g_string_free (match, FALSE);
}

static gboolean
is_stats_sort (ApIncidentSort sort)
{
  return sort == AP_INCIDENT_SORT_ANECDOTES || sort == AP_INCIDENT_SORT_LAST_SEEN ||
         sort == AP_INCIDENT_SORT_TICKETS;
}

static gboolean
has_anecdote_filter (ApIncidentQuery *self)
{
  return self->team != NULL || self->date_from != NULL || self->date_to != NULL;
}

/* The base's statement, one per shape, joining only what the sort and the filters
 * read — no subquery per row. A sort by a figure of incident_fts_stats reads that
 * small table alone unless a filter needs the incident's own columns. */
static char *
build_base_sql (ApIncidentQuery *self)
{
  gboolean stats = is_stats_sort (self->sort);
  gboolean incident = !stats || self->categories->len > 0 || self->statuses != NULL;
  const char *dir = self->descending ? " DESC" : "";
  GString *sql = g_string_new (NULL);

  g_string_printf (sql, "SELECT %s FROM ", stats ? "s.id" : "i.id");
  if (self->sort == AP_INCIDENT_SORT_CATEGORY)
    g_string_append (sql, "pain_category c JOIN incident i ON i.category_id = c.id");
  else if (stats)
    g_string_append (sql, incident ? "incident_fts_stats s JOIN incident i ON i.id = s.id"
                                   : "incident_fts_stats s");
  else
    g_string_append (sql, "incident i");

  g_string_append (sql, " WHERE 1");
  if (self->categories->len > 0)
    g_string_append (sql, " AND i.category_id IN (SELECT value FROM json_each (?1))");
  if (self->statuses != NULL)
    g_string_append (sql, " AND i.status IN (SELECT value FROM json_each (?2))");
  g_string_append (sql, " ORDER BY ");
  for (guint t = 0; order_terms[self->sort][t] != NULL; t++)
    g_string_append_printf (sql, "%s%s%s", t > 0 ? ", " : "", order_terms[self->sort][t], dir);
  return g_string_free (sql, FALSE);
}

/* "Seen by Ops in 2021": the incidents with an anecdote that has the team and a date
 * in the range, read from the anecdotes alone, one range of one of migration 3's
 * indexes; the base gives their order (see keep_listed).
 *
 * A partial date ("2021-08") counts when its month or year reaches into the range:
 * it is at least the from-date (?2) cut to its own length. Dates are NULL or
 * YYYY[-MM[-DD]] (commands and imports check), so that is: at least the from-date, or
 * the from-date's year (?4) or year and month (?5) exactly — comparisons with bound
 * values, where cutting the from-date to each anecdote's length cost as much again
 * as the index walk. All of them are at least that year, which makes the range. */
static char *
build_anecdote_sql (ApIncidentQuery *self)
{
  GString *sql = g_string_new ("SELECT incident_id FROM anecdote WHERE 1");

  if (self->team != NULL)
    g_string_append (sql, " AND team = ?1");
  if (self->date_from != NULL)
    g_string_append (sql, " AND date >= ?4 AND (date >= ?2 OR date = ?4 OR date = ?5)");
  if (self->date_to != NULL)
    g_string_append (sql, " AND date <= ?3");
  return g_string_free (sql, FALSE);
}

/* The store caches statements by the address of their text: intern it. There are
 * only a few dozen shapes (filters used × sort × direction). */
static sqlite3_stmt *
prepare_shape (ApStore     *store,
               char        *sql,
               GError     **error)
{
  const char *interned = g_intern_string (sql);

  g_free (sql);
  return ap_store_prepare (store, interned, error);
}

/* Runs the base's statement; returns the ids it gives. */
static GArray *
read_base (ApIncidentQuery  *self,
           ApStore          *store,
           GError          **error)
{
  g_autofree char *categories = ids_to_json (self->categories);
  g_autofree char *statuses = strings_to_json ((const char * const *) self->statuses);
  sqlite3_stmt *stmt = prepare_shape (store, build_base_sql (self), error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, categories, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, statuses, -1, SQLITE_STATIC);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      ap_store_set_error (store, error, "search");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
read_data_version (ApStore *store,
                   gint64  *version)
{
  sqlite3_stmt *stmt = ap_store_prepare (store, "PRAGMA data_version", NULL);
  gboolean ok = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;

  *version = ok ? sqlite3_column_int64 (stmt, 0) : -1;
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return ok;
}

/* Whether the base still holds for @store's file. Every change this connection makes
 * — commands, undo and redo (changesets), imports, and the triggers under them — adds
 * to sqlite3_total_changes64 (); a commit by another connection changes
 * data_version. Inside a transaction nothing is trusted: it may yet roll back. */
static gboolean
base_is_current (ApIncidentQuery *self,
                 ApStore         *store)
{
  g_autoptr(ApStore) read_from = NULL;
  sqlite3 *db = ap_store_get_db (store);
  gint64 version;

  if (self->base == NULL || self->base_changes < 0 || !sqlite3_get_autocommit (db))
    return FALSE;
  read_from = g_weak_ref_get (&self->base_store);
  return read_from == store &&
         sqlite3_total_changes64 (db) == self->base_changes &&
         read_data_version (store, &version) && version == self->base_data_version;
}

static gboolean
ensure_base (ApIncidentQuery  *self,
             ApStore          *store,
             GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3 *db = ap_store_get_db (store);

  if (base_is_current (self, store))
    return TRUE;
  g_clear_pointer (&self->base, g_array_unref);
  g_clear_pointer (&self->filtered, g_array_unref);
  if ((ids = read_base (self, store, error)) == NULL)
    return FALSE;
  self->base_min = G_MAXINT64;
  self->base_max = G_MININT64;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      self->base_min = MIN (self->base_min, id);
      self->base_max = MAX (self->base_max, id);
    }
  self->base = g_steal_pointer (&ids);
  g_weak_ref_set (&self->base_store, store);
  self->base_changes = sqlite3_get_autocommit (db) ? sqlite3_total_changes64 (db) : -1;
  if (!read_data_version (store, &self->base_data_version))
    self->base_changes = -1;
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ids of @from (the base or a part of it) that @stmt, prepared and bound, lists,
 * in @from's order: the statement's ids, a bit per id, one pass over @from. Row ids
 * are dense in practice (SQLite gives max + 1); a plan whose ids lie far apart gets a
 * sorted array to look in. */
static GArray *
keep_listed (ApIncidentQuery  *self,
             ApStore          *store,
             GArray           *from,
             sqlite3_stmt     *stmt,
             GError          **error)
{
  const gint64 *kept = (const gint64 *) from->data;
  guint n_base = self->base->len;
  guint64 span = n_base > 0 ? (guint64) self->base_max - (guint64) self->base_min : 0;
  gboolean dense = span / 64 <= (guint64) n_base + 4096;
  g_autofree guint64 *bits = NULL;
  g_autoptr(GArray) found = NULL;
  GArray *ids;
  guint n = 0;
  int rc = SQLITE_DONE;

  if (dense)
    bits = g_new0 (guint64, span / 64 + 1);
  else
    found = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (from->len > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint64 off = (guint64) id - (guint64) self->base_min;

      if (id < self->base_min || id > self->base_max)
        continue;
      if (dense)
        bits[off / 64] |= G_GUINT64_CONSTANT (1) << (off % 64);
      else
        g_array_append_val (found, id);
      n++;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      ap_store_set_error (store, error, "search");
      return NULL;
    }
  if (!dense)
    g_array_sort (found, compare_ids);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (n, from->len));
  for (guint i = 0; i < from->len; i++)
    {
      guint64 off = (guint64) kept[i] - (guint64) self->base_min;
      gboolean hit = dense ? (bits[off / 64] >> (off % 64)) & 1
                           : bsearch (&kept[i], found->data, found->len, sizeof (gint64),
                                      compare_ids) != NULL;
      if (hit)
        g_array_append_val (ids, kept[i]);
    }
  return ids;
}

/* Reads the base if need be, then keeps what the team and date filters keep of it. */
static gboolean
ensure_filtered (ApIncidentQuery  *self,
                 ApStore          *store,
                 GError          **error)
{
  g_autofree char *year = self->date_from != NULL ? g_strndup (self->date_from, 4) : NULL;
  g_autofree char *month = self->date_from != NULL ? g_strndup (self->date_from, 7) : NULL;
  sqlite3_stmt *stmt;

  if (!ensure_base (self, store, error))
    return FALSE;
  if (self->filtered != NULL)
    return TRUE;
  if (!has_anecdote_filter (self))
    {
      self->filtered = g_array_ref (self->base);
      return TRUE;
    }
  if ((stmt = prepare_shape (store, build_anecdote_sql (self), error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->team, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, self->date_from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->date_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, year, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, month, -1, SQLITE_STATIC);
  self->filtered = keep_listed (self, store, self->base, stmt, error);
  return self->filtered != NULL;
}

/**
 * ap_incident_query_run:
 *
 * Finds the incidents the query describes. The query keeps its base — every incident
 * the category and status filters keep, in the sort's order — until one of those,
 * the sort or the file changes, and what the team and date filters keep of it until
 * those change too: without search text that is the answer. The team and dates cost
 * a walk of an index of anecdotes and a pass over the base; a search runs the bare
 * FTS5 MATCH and keeps the filtered base's ids it found, so a keystroke costs the
 * MATCH plus one pass over an array, whatever the sort and the filters.
 *
 * Returns: (transfer full): the matching incidents' row ids (gint64), in order. The
 *   array may be shared with the query: read it, do not change it.
 */
GArray *
ap_incident_query_run (ApIncidentQuery  *self,
                       ApStore          *store,
                       GError          **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), NULL);
  g_return_val_if_fail (AP_IS_STORE (store), NULL);

  if (!ensure_filtered (self, store, error))
    return NULL;
  match = ap_incident_query_build_match (self->text);
  if (match == NULL)
    return g_array_ref (self->filtered);
  if ((stmt = ap_store_prepare (store, match_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  return keep_listed (self, store, self->filtered, stmt, error);
}
