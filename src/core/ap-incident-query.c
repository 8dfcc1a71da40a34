/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-query"

#include "config.h"

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

/* Each key is an expression over `i` (the incident) or `s` (its incident_fts_stats
 * row, see ap-schema.c). */
static const char * const sort_keys[AP_INCIDENT_N_SORTS] = {
  "i.position",
  "i.title COLLATE NOCASE",
  "(SELECT c.name FROM pain_category c WHERE c.id = i.category_id) COLLATE NOCASE",
  "i.occurrences",
  "s.n_anecdotes",
  "s.last_seen",
  "i.status COLLATE NOCASE",
  "s.first_ticket COLLATE NOCASE",
};

static void
changed (ApIncidentQuery *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
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
  changed (self);
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
  changed (self);
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
    changed (self);
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
    changed (self);
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
  changed (self);
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
  changed (self);
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

/* One statement per shape. Sorting by a figure of incident_fts_stats without a filter
 * on incident columns reads only that small table (through its index for "last
 * seen"); a search starts from the FTS5 matches and looks each one up by id. */
static char *
build_sql (ApIncidentQuery *self,
           gboolean         search)
{
  gboolean stats = is_stats_sort (self->sort);
  gboolean stats_only = stats && self->categories->len == 0 && self->statuses == NULL;
  const char *id = stats_only ? "s.id" : "i.id";
  const char *dir = self->descending ? "DESC" : "ASC";
  GString *sql = g_string_new (NULL);

  g_string_printf (sql, "SELECT %s FROM ", id);
  if (search)
    g_string_append_printf (sql, "incident_fts f JOIN %s ON %s = f.rowid",
                            stats_only ? "incident_fts_stats s" : "incident i", id);
  else
    g_string_append (sql, stats_only ? "incident_fts_stats s" : "incident i");
  if (stats && !stats_only)
    g_string_append (sql, " JOIN incident_fts_stats s ON s.id = i.id");
  g_string_append (sql, search ? " WHERE incident_fts MATCH ?1" : " WHERE 1");
  if (self->categories->len > 0)
    g_string_append (sql, " AND i.category_id IN (SELECT value FROM json_each (?2))");
  if (self->statuses != NULL)
    g_string_append (sql, " AND i.status IN (SELECT value FROM json_each (?3))");
  /* Team and dates describe one anecdote: "seen by Ops in 2021". A partial date
   * ("2021-08") counts when its month or year reaches into the range. */
  if (self->team != NULL || self->date_from != NULL || self->date_to != NULL)
    g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM anecdote a WHERE a.incident_id = %s"
                                 " AND (?4 IS NULL OR a.team = ?4)"
                                 " AND (?5 IS NULL OR a.date >= substr (?5, 1, length (a.date)))"
                                 " AND (?6 IS NULL OR a.date <= ?6))", id);
  /* The row id breaks ties, so the order is the same every time. */
  if (stats)
    g_string_append_printf (sql, " ORDER BY %s %s, %s %s", sort_keys[self->sort], dir, id, dir);
  else
    g_string_append_printf (sql, " ORDER BY %s %s, i.position %s, i.id %s",
                            sort_keys[self->sort], dir, dir, dir);
  return g_string_free (sql, FALSE);
}

/**
 * ap_incident_query_run:
 *
 * Returns: (transfer full): the matching incidents' row ids (gint64), in order
 */
GArray *
ap_incident_query_run (ApIncidentQuery  *self,
                       ApStore          *store,
                       GError          **error)
{
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *statuses = NULL;
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AP_IS_INCIDENT_QUERY (self), NULL);
  g_return_val_if_fail (AP_IS_STORE (store), NULL);

  match = ap_incident_query_build_match (self->text);
  sql = build_sql (self, match != NULL);
  /* The store caches statements by the address of their text: intern it. There are
   * only a few hundred shapes (filters used × sort × direction). */
  stmt = ap_store_prepare (store, g_intern_string (sql), error);
  if (stmt == NULL)
    return NULL;
  categories = ids_to_json (self->categories);
  statuses = strings_to_json ((const char * const *) self->statuses);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, categories, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, statuses, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, self->team, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, self->date_from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, self->date_to, -1, SQLITE_STATIC);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      ap_store_set_error (store, error, "search");
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return g_steal_pointer (&ids);
}
