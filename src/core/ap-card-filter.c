/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-card-filter"

#include "config.h"

#include <string.h>

#include "ap-card-filter.h"

/* The kinds a filter can restrict. Others (steps, periods, categories) are not
 * criteria of the find bar. */
enum {
  CRITERION_ORGANIZATION,
  CRITERION_STAGE,
  CRITERION_INITIATIVE,
  N_CRITERIA
};

struct _ApCardFilter
{
  GObject     parent_instance;

  char       *text;       /* casefolded, or NULL */
  GHashTable *ids[N_CRITERIA];
};

G_DEFINE_FINAL_TYPE (ApCardFilter, ap_card_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
criterion_for_kind (ApEntityKind kind)
{
  switch (kind)
    {
    case AP_ENTITY_ORGANIZATION:
      return CRITERION_ORGANIZATION;
    case AP_ENTITY_STAGE:
      return CRITERION_STAGE;
    case AP_ENTITY_INITIATIVE:
      return CRITERION_INITIATIVE;
    default:
      return -1;
    }
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static void
ap_card_filter_finalize (GObject *object)
{
  ApCardFilter *self = AP_CARD_FILTER (object);

  g_free (self->text);
  for (guint i = 0; i < N_CRITERIA; i++)
    g_hash_table_unref (self->ids[i]);

  G_OBJECT_CLASS (ap_card_filter_parent_class)->finalize (object);
}

static void
ap_card_filter_class_init (ApCardFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ap_card_filter_finalize;

  /**
   * ApCardFilter::changed:
   *
   * Emitted when any criterion changes.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ap_card_filter_init (ApCardFilter *self)
{
  for (guint i = 0; i < N_CRITERIA; i++)
    self->ids[i] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

ApCardFilter *
ap_card_filter_new (void)
{
  return g_object_new (AP_TYPE_CARD_FILTER, NULL);
}

void
ap_card_filter_set_text (ApCardFilter *self,
                         const char   *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_if_fail (AP_IS_CARD_FILTER (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  folded = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  if (g_strcmp0 (folded, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&folded);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
ap_card_filter_get_text (ApCardFilter *self)
{
  g_return_val_if_fail (AP_IS_CARD_FILTER (self), NULL);
  return self->text;
}

/* Restricts one kind (organization, stage or initiative) to @ids; none lifts it. */
void
ap_card_filter_set_ids (ApCardFilter *self,
                        ApEntityKind  kind,
                        const gint64 *ids,
                        guint         n_ids)
{
  int c = criterion_for_kind (kind);

  g_return_if_fail (AP_IS_CARD_FILTER (self));
  g_return_if_fail (c >= 0);

  g_hash_table_remove_all (self->ids[c]);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->ids[c], g_memdup2 (&ids[i], sizeof (gint64)));
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
ap_card_filter_has_id (ApCardFilter *self,
                       ApEntityKind  kind,
                       gint64        id)
{
  int c = criterion_for_kind (kind);

  g_return_val_if_fail (AP_IS_CARD_FILTER (self), FALSE);
  g_return_val_if_fail (c >= 0, FALSE);
  return g_hash_table_contains (self->ids[c], &id);
}

void
ap_card_filter_clear (ApCardFilter *self)
{
  g_return_if_fail (AP_IS_CARD_FILTER (self));

  if (ap_card_filter_is_empty (self))
    return;
  g_clear_pointer (&self->text, g_free);
  for (guint i = 0; i < N_CRITERIA; i++)
    g_hash_table_remove_all (self->ids[i]);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
ap_card_filter_is_empty (ApCardFilter *self)
{
  g_return_val_if_fail (AP_IS_CARD_FILTER (self), TRUE);

  if (self->text != NULL)
    return FALSE;
  for (guint i = 0; i < N_CRITERIA; i++)
    if (g_hash_table_size (self->ids[i]) > 0)
      return FALSE;
  return TRUE;
}

static gboolean
matches_text (ApCardFilter *self,
              ApPlan       *plan,
              ApCard       *card)
{
  ApStage *stage;

  if (self->text == NULL)
    return TRUE;
  if (contains_folded (ap_card_get_title (card), self->text) ||
      contains_folded (ap_card_get_stage_text (card), self->text) ||
      contains_folded (ap_card_get_notes (card), self->text))
    return TRUE;
  stage = ap_card_get_stage_id (card) != 0
            ? ap_row_list_lookup (ap_plan_get_stages (plan), ap_card_get_stage_id (card))
            : NULL;
  return stage != NULL && contains_folded (ap_stage_get_name (stage), self->text);
}

static gboolean
matches_organizations (ApCardFilter *self,
                       ApCard       *card)
{
  const gint64 *orgs;
  guint n;

  if (g_hash_table_size (self->ids[CRITERION_ORGANIZATION]) == 0)
    return TRUE;
  orgs = ap_card_get_links (card, AP_CARD_LINK_ORGANIZATIONS, &n);
  for (guint i = 0; i < n; i++)
    if (g_hash_table_contains (self->ids[CRITERION_ORGANIZATION], &orgs[i]))
      return TRUE;
  return FALSE;
}

static gboolean
matches_one (GHashTable *ids,
             gint64      id)
{
  return g_hash_table_size (ids) == 0 || g_hash_table_contains (ids, &id);
}

gboolean
ap_card_filter_matches (ApCardFilter *self,
                        ApPlan       *plan,
                        ApCard       *card)
{
  gint64 stage_id, initiative_id;

  g_return_val_if_fail (AP_IS_CARD_FILTER (self), TRUE);
  g_return_val_if_fail (AP_IS_CARD (card), FALSE);

  stage_id = ap_card_get_stage_id (card);
  initiative_id = ap_card_get_initiative_id (card);
  return matches_one (self->ids[CRITERION_STAGE], stage_id) &&
         matches_one (self->ids[CRITERION_INITIATIVE], initiative_id) &&
         matches_organizations (self, card) &&
         matches_text (self, plan, card);
}
