/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-chart-data"

#include "config.h"

#include "ap-chart-data.h"

struct _ApChartData
{
  GObject      parent_instance;

  ApPlan      *plan;
  GArray      *categories;  /* ApChartCategory, in the user's order */
  GArray      *statuses;    /* ApChartStatus */
  GHashTable  *index_of;    /* category id (as a pointer) → index + 1 */
  int          first_quarter;
  guint        n_quarters;
  guint       *anecdotes;   /* n_categories × n_quarters, row-major by category */
  guint       *quarter_totals;
  gboolean     stale;
  guint        n_recomputes;
};

G_DEFINE_FINAL_TYPE (ApChartData, ap_chart_data, G_TYPE_OBJECT)

enum {
  INVALIDATED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Row ids are keys of a direct hash table: the array the ids live in moves as it grows. */
#define ID_KEY(id) ((gpointer) (gintptr) (id))

/* The figures, one GROUP BY each. Every statement is cached by the store. */
static const char categories_sql[] =
  "SELECT id, name, color, status, recorded_incidents FROM pain_category"
  " ORDER BY position, id";
/* NOT INDEXED: the index on category_id hands out the groups in order, but then every
 * incident's row is looked up for its occurrences, out of file order. Reading the table
 * straight through and sorting is about five times faster with 100,000 incidents. */
static const char incidents_sql[] =
  "SELECT category_id, count(*), total(occurrences), count(*) - count(occurrences)"
  " FROM incident NOT INDEXED GROUP BY category_id";
/* A card addresses a category directly or through one of the category's incidents;
 * UNION removes the pairs found both ways, so each card counts once. */
static const char cards_sql[] =
  "SELECT category_id, count(*) FROM ("
  "  SELECT card_id, category_id FROM card_category"
  "  UNION"
  "  SELECT ci.card_id, i.category_id FROM card_incident ci"
  "  JOIN incident i ON i.id = ci.incident_id)"
  " GROUP BY category_id";
/* Dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD"; a partial or approximate date counts in
 * the quarter its first day falls in, so "2021" is 2021 Q1 and "2021-08" 2021 Q3. */
static const char anecdotes_sql[] =
  "SELECT i.category_id,"
  "  CAST(substr(a.date, 1, 4) AS INTEGER) * 4"
  "  + CASE WHEN length(a.date) >= 7"
  "    THEN (CAST(substr(a.date, 6, 2) AS INTEGER) - 1) / 3 ELSE 0 END AS quarter,"
  "  count(*)"
  " FROM anecdote a JOIN incident i ON i.id = a.incident_id"
  " WHERE a.date IS NOT NULL AND length(a.date) >= 4"
  " GROUP BY i.category_id, quarter";
static const char statuses_sql[] =
  "SELECT status, count(*) FROM pain_category GROUP BY status ORDER BY min(position), status";

static void
clear_category (gpointer data)
{
  ApChartCategory *category = data;

  g_free (category->name);
  g_free (category->color);
  g_free (category->status);
}

static void
clear_status (gpointer data)
{
  ApChartStatus *status = data;

  g_free (status->status);
}

static ApChartCategory *
category_for_id (ApChartData *self,
                 gint64       id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->index_of, ID_KEY (id)));

  return index == 0 ? NULL : &g_array_index (self->categories, ApChartCategory, index - 1);
}

static gboolean
finish_query (ApStore       *store,
              sqlite3_stmt  *stmt,
              int            rc,
              GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ap_store_set_error (store, error, "Could not read the chart figures");
  return TRUE;
}

static gboolean
read_categories (ApChartData  *self,
                 ApStore      *store,
                 GError      **error)
{
  sqlite3_stmt *stmt = ap_store_prepare (store, categories_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ApChartCategory category = { 0 };

      category.id = sqlite3_column_int64 (stmt, 0);
      category.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      category.color = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      category.status = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      category.recorded = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                            ? -1 : sqlite3_column_int64 (stmt, 4);
      g_array_append_val (self->categories, category);
      g_hash_table_insert (self->index_of, ID_KEY (category.id),
                           GUINT_TO_POINTER (self->categories->len));
    }
  return finish_query (store, stmt, rc, error);
}

static gboolean
read_incidents (ApChartData  *self,
                ApStore      *store,
                GError      **error)
{
  sqlite3_stmt *stmt = ap_store_prepare (store, incidents_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ApChartCategory *category = category_for_id (self, sqlite3_column_int64 (stmt, 0));

      if (category == NULL)
        continue;
      category->incidents = (guint) sqlite3_column_int64 (stmt, 1);
      category->occurrences = (gint64) sqlite3_column_double (stmt, 2);
      category->unknown_occurrences = (guint) sqlite3_column_int64 (stmt, 3);
    }
  return finish_query (store, stmt, rc, error);
}

static gboolean
read_cards (ApChartData  *self,
            ApStore      *store,
            GError      **error)
{
  sqlite3_stmt *stmt = ap_store_prepare (store, cards_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ApChartCategory *category = category_for_id (self, sqlite3_column_int64 (stmt, 0));

      if (category != NULL)
        category->cards = (guint) sqlite3_column_int64 (stmt, 1);
    }
  return finish_query (store, stmt, rc, error);
}

/* Two passes over the rows of one query: the first finds the span of quarters, the
 * second fills the matrix, so that the matrix is allocated once. */
static gboolean
read_anecdotes (ApChartData  *self,
                ApStore      *store,
                GError      **error)
{
  sqlite3_stmt *stmt = ap_store_prepare (store, anecdotes_sql, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
  int rc, first = G_MAXINT, last = G_MININT;
  guint n_categories = self->categories->len;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row[3] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                        sqlite3_column_int64 (stmt, 2) };

      first = MIN (first, (int) row[1]);
      last = MAX (last, (int) row[1]);
      g_array_append_val (rows, row);
    }
  if (!finish_query (store, stmt, rc, error))
    return FALSE;

  self->first_quarter = rows->len > 0 ? first : 0;
  self->n_quarters = rows->len > 0 ? (guint) (last - first + 1) : 0;
  self->anecdotes = g_new0 (guint, (gsize) n_categories * self->n_quarters + 1);
  self->quarter_totals = g_new0 (guint, self->n_quarters + 1);
  for (guint r = 0; r < rows->len; r++)
    {
      const gint64 *row = &g_array_index (rows, gint64, r * 3);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->index_of, ID_KEY (row[0])));
      guint q = (guint) (row[1] - first);

      if (index == 0)
        continue;
      self->anecdotes[(index - 1) * self->n_quarters + q] += (guint) row[2];
      self->quarter_totals[q] += (guint) row[2];
      g_array_index (self->categories, ApChartCategory, index - 1).anecdotes += (guint) row[2];
    }
  return TRUE;
}

static gboolean
read_statuses (ApChartData  *self,
               ApStore      *store,
               GError      **error)
{
  sqlite3_stmt *stmt = ap_store_prepare (store, statuses_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ApChartStatus status = { 0 };

      status.status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      status.count = (guint) sqlite3_column_int64 (stmt, 1);
      g_array_append_val (self->statuses, status);
    }
  if (!finish_query (store, stmt, rc, error))
    return FALSE;

  for (guint c = 0; c < self->categories->len; c++)
    {
      ApChartCategory *category = &g_array_index (self->categories, ApChartCategory, c);

      for (guint s = 0; s < self->statuses->len; s++)
        if (g_strcmp0 (g_array_index (self->statuses, ApChartStatus, s).status,
                       category->status) == 0)
          category->status_index = s;
    }
  return TRUE;
}

static void
clear_figures (ApChartData *self)
{
  g_hash_table_remove_all (self->index_of);
  g_array_set_size (self->categories, 0);
  g_array_set_size (self->statuses, 0);
  g_clear_pointer (&self->anecdotes, g_free);
  g_clear_pointer (&self->quarter_totals, g_free);
  self->n_quarters = 0;
  self->first_quarter = 0;
}

static void
on_list_items_changed_cb (GListModel  *list,
                          guint        position,
                          guint        removed,
                          guint        added,
                          ApChartData *self)
{
  /* One signal per burst of changes: the listener coalesces the recomputation. */
  if (self->stale)
    return;
  self->stale = TRUE;
  g_signal_emit (self, signals[INVALIDATED], 0);
}

static void
ap_chart_data_finalize (GObject *object)
{
  ApChartData *self = AP_CHART_DATA (object);

  clear_figures (self);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->statuses, g_array_unref);
  g_clear_pointer (&self->index_of, g_hash_table_unref);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (ap_chart_data_parent_class)->finalize (object);
}

static void
ap_chart_data_class_init (ApChartDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ap_chart_data_finalize;

  /* The plan changed: the arrays are out of date until the next recompute. */
  signals[INVALIDATED] = g_signal_new ("invalidated", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
  /* The arrays were read again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
ap_chart_data_init (ApChartData *self)
{
  self->categories = g_array_new (FALSE, TRUE, sizeof (ApChartCategory));
  g_array_set_clear_func (self->categories, clear_category);
  self->statuses = g_array_new (FALSE, TRUE, sizeof (ApChartStatus));
  g_array_set_clear_func (self->statuses, clear_status);
  self->index_of = g_hash_table_new (NULL, NULL);
  self->stale = TRUE;
}

/**
 * ap_chart_data_new:
 * @plan: (nullable): the plan, or %NULL for no figures at all
 *
 * The figures start stale; call ap_chart_data_recompute() before reading them.
 * Changes to the plan's categories, incidents and cards mark them stale again and emit
 * #ApChartData::invalidated.
 */
ApChartData *
ap_chart_data_new (ApPlan *plan)
{
  ApChartData *self = g_object_new (AP_TYPE_CHART_DATA, NULL);
  ApRowList *lists[3];

  if (plan == NULL)
    return self;

  self->plan = g_object_ref (plan);
  lists[0] = ap_plan_get_categories (plan);
  lists[1] = ap_plan_get_incidents (plan);
  lists[2] = ap_plan_get_cards (plan);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_signal_connect_object (lists[i], "items-changed",
                             G_CALLBACK (on_list_items_changed_cb), self, 0);
  return self;
}

gboolean
ap_chart_data_recompute (ApChartData  *self,
                         GError      **error)
{
  ApStore *store;
  gboolean ok;

  g_return_val_if_fail (AP_IS_CHART_DATA (self), FALSE);

  clear_figures (self);
  self->stale = FALSE;
  self->n_recomputes++;
  if (self->plan == NULL)
    {
      g_signal_emit (self, signals[CHANGED], 0);
      return TRUE;
    }

  store = ap_plan_get_store (self->plan);
  ok = read_categories (self, store, error) &&
       read_incidents (self, store, error) &&
       read_cards (self, store, error) &&
       read_anecdotes (self, store, error) &&
       read_statuses (self, store, error);
  if (!ok)
    clear_figures (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return ok;
}

gboolean
ap_chart_data_get_stale (ApChartData *self)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), FALSE);
  return self->stale;
}

ApPlan *
ap_chart_data_get_plan (ApChartData *self)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), NULL);
  return self->plan;
}

guint
ap_chart_data_get_n_categories (ApChartData *self)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), 0);
  return self->categories->len;
}

const ApChartCategory *
ap_chart_data_get_category (ApChartData *self,
                            guint        index)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);
  return &g_array_index (self->categories, ApChartCategory, index);
}

/* Returns the category's index, or -1. */
int
ap_chart_data_find_category (ApChartData *self,
                             gint64       id)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->index_of, ID_KEY (id))) - 1;
}

guint
ap_chart_data_get_n_statuses (ApChartData *self)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), 0);
  return self->statuses->len;
}

const ApChartStatus *
ap_chart_data_get_status (ApChartData *self,
                          guint        index)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (index < self->statuses->len, NULL);
  return &g_array_index (self->statuses, ApChartStatus, index);
}

guint
ap_chart_data_get_n_quarters (ApChartData *self)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), 0);
  return self->n_quarters;
}

int
ap_chart_data_get_first_quarter (ApChartData *self)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), 0);
  return self->first_quarter;
}

guint
ap_chart_data_get_anecdotes (ApChartData *self,
                             guint        category_index,
                             guint        quarter_index)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), 0);
  g_return_val_if_fail (category_index < self->categories->len, 0);
  g_return_val_if_fail (quarter_index < self->n_quarters, 0);
  return self->anecdotes[category_index * self->n_quarters + quarter_index];
}

guint
ap_chart_data_get_quarter_total (ApChartData *self,
                                 guint        quarter_index)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), 0);
  g_return_val_if_fail (quarter_index < self->n_quarters, 0);
  return self->quarter_totals[quarter_index];
}

/* "2020 Q2" for 8081. */
char *
ap_chart_data_format_quarter (int quarter)
{
  return g_strdup_printf ("%d Q%d", quarter / 4, quarter % 4 + 1);
}

guint
ap_chart_data_get_n_recomputes (ApChartData *self)
{
  g_return_val_if_fail (AP_IS_CHART_DATA (self), 0);
  return self->n_recomputes;
}
